package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code SENTINEL FAILOVER} under three writer shapes, redis-ha and plain Boot side by
 * side on one fresh topology per shape: one writer; 16 writers on a connection pool of 16
 * ({@code spring.data.redis.lettuce.pool.*}); 8 writers sending pipelines of 10 (Spring
 * Data's {@code executePipelined}). Each thread writes one round every 5 ms. Reports
 * acknowledged, lost and failed writes and the write pause: the longest gap between two
 * acknowledgements of any writer around the failover.
 *
 * @author redis-ha
 */
final class PlannedFailover {

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	/**
	 * Long enough for Sentinel to demote the old master, which plain Boot writes to
	 * meanwhile.
	 */
	private static final Duration WINDOW = Duration.ofSeconds(20);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private final Report report;

	PlannedFailover(Report report) {
		this.report = report;
	}

	void run() throws Exception {
		for (Shape shape : List.of(new Shape("1 writer", 1, 1, false), new Shape("16 writers, pool of 16", 16, 1, true),
				new Shape("8 writers, pipelines of 10", 8, 10, false))) {
			FailoverBenchmark.log("--- planned failover, " + shape.label());
			run(shape);
		}
	}

	private void run(Shape shape) throws Exception {
		try (SentinelTopology topology = FailoverBenchmark.topology();
				SentinelEventLog events = new SentinelEventLog(topology)) {
			Map<String, Object> pool = shape.pooled() ? Map.of("spring.data.redis.lettuce.pool.enabled", "true",
					"spring.data.redis.lettuce.pool.max-active", Integer.toString(shape.writers()),
					"spring.data.redis.lettuce.pool.max-idle", Integer.toString(shape.writers())) : Map.of();
			Client starter = Clients.start(Kind.STARTER, topology, pool);
			Client plain = Clients.start(Kind.PLAIN, topology, pool);
			if (shape.pooled()) {
				// Spring Data sends plain commands over one shared connection unless told
				// otherwise: borrow from the pool for every command instead
				for (Client client : List.of(starter, plain)) {
					client.context().getBean(LettuceConnectionFactory.class).setShareNativeConnection(false);
				}
			}
			long maxNanos = WARM_UP.plus(WINDOW).plusSeconds(10).toNanos();
			List<WriterGroup> groups = new ArrayList<>();
			WriterGroup starterWrites = new WriterGroup(starter.template(), "starter-planned", shape.writers(),
					shape.pipeline(), maxNanos);
			groups.add(starterWrites);
			WriterGroup plainWrites = new WriterGroup(plain.template(), "plain-planned", shape.writers(),
					shape.pipeline(), maxNanos);
			groups.add(plainWrites);
			Thread.sleep(WARM_UP.toMillis());
			RedisNode oldMaster = topology.master();
			FailoverBenchmark.log("SENTINEL FAILOVER of " + oldMaster.address());
			long faultAt = System.nanoTime();
			topology.failover();
			Thread.sleep(Math.max(0, (faultAt + WINDOW.toNanos() - System.nanoTime()) / 1_000_000));
			long endAt = System.nanoTime();
			groups.forEach(WriterGroup::stop);
			// nothing is frozen here: let the last writes end before the applications
			// close, so that closing does not fail a write in flight
			for (WriterGroup group : groups) {
				group.awaitStopped(10_000);
			}
			starter.close();
			plain.close();
			topology.awaitHealthy(SETTLE);
			RedisNode finalMaster = topology.master();
			long promotedAt = events.first("+promoted-slave", faultAt).orElse(-1);
			long selectedAt = events.first("+selected-slave", faultAt).orElse(-1);
			long slaveOfNoOneAt = events.first("+failover-state-wait-promotion", faultAt).orElse(-1);
			if (selectedAt > 0 && slaveOfNoOneAt > 0) {
				// how long the writes held from +selected-slave had to reach the replica
				// before it stopped replicating
				this.report.note("planned failover, " + shape.label() + ": +selected-slave to SLAVEOF NO ONE ("
						+ "+failover-state-wait-promotion) " + Report.millis(slaveOfNoOneAt - selectedAt) + " ms");
			}
			List<Op> starterOps = starterWrites.done();
			List<Op> plainOps = plainWrites.done();
			noteErrorTimes(shape, Kind.STARTER, starterOps, faultAt);
			noteErrorTimes(shape, Kind.PLAIN, plainOps, faultAt);
			this.report.plannedFailover(shape.label(),
					Outcome.of(Kind.STARTER.label(), starterOps, faultAt, endAt, promotedAt,
							FailoverBenchmark.lost(finalMaster, starterOps)),
					Outcome.of(Kind.PLAIN.label(), plainOps, faultAt, endAt, promotedAt,
							FailoverBenchmark.lost(finalMaster, plainOps)));
		}
	}

	private void noteErrorTimes(Shape shape, Kind kind, List<Op> ops, long faultAt) {
		List<String> times = ops.stream()
			.filter((op) -> !op.acknowledged())
			.map((op) -> Report.millis(op.sentAt() - faultAt))
			.distinct()
			.toList();
		if (!times.isEmpty()) {
			this.report.note("planned failover, " + shape.label() + ", " + kind.label()
					+ ": errors of writes sent at (ms after SENTINEL FAILOVER) " + String.join(", ", times));
		}
	}

	/**
	 * A writer shape.
	 *
	 * @param label its name in the report
	 * @param writers how many threads
	 * @param pipeline writes per round trip
	 * @param pooled whether each application uses a connection pool of {@code writers}
	 */
	private record Shape(String label, int writers, int pipeline, boolean pooled) {

	}

}
