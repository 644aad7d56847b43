package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Where replica reads land by zone: master in eu-1a, replicas in eu-1b and eu-1c (Redis,
 * which announces no zone, so redis-ha gets the static map {@code REDIS_NODE_ZONES}),
 * every application in eu-1b. redis-ha with {@code zone-affinity} beside plain Boot with
 * what a user without zones would set, {@code replica-preferred} and
 * {@code lowest-latency}. Each application does the same number of GETs, one after
 * another, so that each node's {@code cmdstat_get} count is attributable; then the eu-1b
 * replica is killed, the three read at once for a few seconds (the errors the fault
 * causes), and the counted GETs are repeated.
 *
 * @author redis-ha
 */
final class SentinelZoneReads {

	private static final String KEY = "bench:zone";

	private static final String CLIENT_ZONE = "eu-1b";

	private static final int GETS = 3_000;

	private static final int WARM_UP_GETS = 300;

	private static final Duration AFTER_KILL = Duration.ofSeconds(5);

	private static final String PLACEMENT = "Zone-aware reads: master eu-1a, replicas eu-1b and eu-1c, every application "
			+ "in eu-1b; " + GETS + " GETs per application, one application after another, after " + WARM_UP_GETS
			+ " warm-up GETs; where they landed by INFO commandstats per node:";

	private static final List<String> PLACEMENT_COLUMNS = List.of("client", "eu-1b replica", "GETs", "in-zone (eu-1b)",
			"other zone (eu-1c)", "master (eu-1a)", "in-zone share", "read errors");

	private final Report report;

	SentinelZoneReads(Report report) {
		this.report = report;
	}

	void run() throws Exception {
		try (SentinelTopology topology = FailoverBenchmark.sentinel().zones("eu-1a", CLIENT_ZONE, "eu-1c").start()) {
			List<Reader> readers = new ArrayList<>();
			try {
				readers.add(new Reader("redis-ha, zone-affinity",
						Clients.start(Kind.STARTER, topology,
								Map.of("redis.read-from", "zone-affinity", "redis.client-zone", CLIENT_ZONE,
										"redis.node-zones", topology.environment().get("REDIS_NODE_ZONES")))));
				for (String readFrom : List.of("replica-preferred", "lowest-latency")) {
					readers.add(new Reader("plain Boot, " + readFrom, Clients.start(Kind.PLAIN, topology,
							Map.of("spring.data.redis.lettuce.read-from", readFrom))));
				}
				measure(topology, readers);
			}
			finally {
				readers.forEach((reader) -> reader.client().close());
			}
		}
	}

	private void measure(SentinelTopology topology, List<Reader> readers) throws InterruptedException {
		if (!topology.master().equals(topology.dataNodes().get(0))) {
			throw new IllegalStateException("the eu-1a node is not the master: " + topology.master().address());
		}
		readers.get(0).template().opsForValue().set(KEY, "value");
		awaitReplicated(topology);
		for (Reader reader : readers) {
			reader.gets(WARM_UP_GETS);
		}
		for (Reader reader : readers) {
			placement(reader, "healthy", Placement.of(topology, reader));
		}
		RedisNode sameZone = topology.dataNodes().get(1);
		FailoverBenchmark.log("killing the eu-1b replica " + sameZone.address());
		sameZone.kill();
		// the fault hits the three at once, so that each sees it fresh
		List<Operations> window = new ArrayList<>();
		for (Reader reader : readers) {
			window.add(Operations.reads(reader.template(), KEY, AFTER_KILL.plusSeconds(10).toNanos()));
		}
		FailoverBenchmark.sleep(AFTER_KILL);
		window.forEach(Operations::stop);
		for (int i = 0; i < readers.size(); i++) {
			window.get(i).awaitStopped(10_000);
			afterKill(readers.get(i), window.get(i).done());
		}
		for (Reader reader : readers) {
			placement(reader, "killed", Placement.of(topology, reader));
		}
	}

	private void placement(Reader reader, String sameZoneReplica, Placement placement) {
		this.report.row(PLACEMENT, PLACEMENT_COLUMNS,
				List.of(reader.label(), sameZoneReplica, Integer.toString(GETS), Long.toString(placement.sameZone()),
						Long.toString(placement.otherZone()), Long.toString(placement.master()),
						String.format(Locale.ROOT, "%.1f %%", 100.0 * placement.sameZone() / GETS),
						Integer.toString(placement.errors())));
		if (placement.firstError() != null) {
			this.report.note("zones, " + reader.label() + ", eu-1b replica " + sameZoneReplica + ": first error: "
					+ Report.abbreviate(placement.firstError()));
		}
	}

	private void afterKill(Reader reader, List<Op> ops) {
		long errors = ops.stream().filter((op) -> !op.acknowledged()).count();
		long slowest = ops.stream().mapToLong((op) -> op.endedAt() - op.sentAt()).max().orElse(0);
		String firstError = ops.stream()
			.filter((op) -> !op.acknowledged())
			.map(Op::error)
			.findFirst()
			.map(Report::abbreviate)
			.orElse("");
		this.report.row(
				"The eu-1b replica killed; the three applications reading at once, a GET every "
						+ Operations.INTERVAL_MILLIS + " ms each, for " + AFTER_KILL.toSeconds() + " s after the kill:",
				List.of("client", "reads", "read errors", "slowest read (ms)", "first error"), List.of(reader.label(),
						Integer.toString(ops.size()), Long.toString(errors), Report.millis(slowest), firstError));
	}

	private static void awaitReplicated(SentinelTopology topology) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		for (RedisNode replica : topology.replicas()) {
			while (!"value".equals(NodeQueries.get(replica, KEY))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the key did not reach replica " + replica.address() + " in 10 s");
				}
				FailoverBenchmark.sleep(Duration.ofMillis(20));
			}
		}
	}

	/**
	 * One application under test.
	 *
	 * @param label its name in the table
	 * @param client the application
	 */
	private record Reader(String label, Client client) {

		StringRedisTemplate template() {
			return this.client.template();
		}

		/**
		 * {@code count} GETs of the key, back to back.
		 * @param count how many
		 * @return the errors and the first one
		 */
		Failures gets(int count) {
			StringRedisTemplate template = template();
			Failures failures = new Failures();
			for (int i = 0; i < count; i++) {
				try {
					String value = template.opsForValue().get(KEY);
					if (!"value".equals(value)) {
						failures.add("read returned " + value);
					}
				}
				catch (RuntimeException ex) {
					failures.add(Operations.describe(ex));
				}
			}
			return failures;
		}

	}

	private static final class Failures {

		private int count;

		private String first;

		void add(String error) {
			this.count++;
			if (this.first == null) {
				this.first = error;
			}
		}

	}

	/**
	 * Where one application's {@value #GETS} GETs landed.
	 *
	 * @param master on the master (eu-1a)
	 * @param sameZone on the eu-1b replica
	 * @param otherZone on the eu-1c replica
	 * @param errors the GETs that failed or read another value
	 * @param firstError the first failure, or null
	 */
	private record Placement(long master, long sameZone, long otherZone, int errors, String firstError) {

		static Placement of(SentinelTopology topology, Reader reader) {
			long[] before = gets(topology);
			Failures failures = reader.gets(GETS);
			long[] after = gets(topology);
			return new Placement(after[0] - before[0], after[1] - before[1], after[2] - before[2], failures.count,
					failures.first);
		}

		// in start order: eu-1a, eu-1b, eu-1c; a node that is down served nothing
		private static long[] gets(SentinelTopology topology) {
			return topology.dataNodes()
				.stream()
				.mapToLong((node) -> node.isRunning() ? NodeQueries.getCalls(node) : 0)
				.toArray();
		}

	}

}
