package io.github.redisha.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.lettuce.core.KeyValue;

/**
 * Failover benchmark: redis-ha against plain Spring Boot, side by side on the same native
 * Sentinel topology (1 master, 2 replicas, 3 sentinels, {@code down-after-milliseconds}
 * 1000), each application writing one key every 5 ms through its
 * {@code StringRedisTemplate}. Run by hand (see docs/benchmarks.md), never as part of a
 * build.
 *
 * <p>
 * Scenarios: master SIGKILL, master frozen (SIGSTOP, not resumed), master frozen 10 s
 * then resumed, {@code SENTINEL FAILOVER} ({@link SentinelFailovers}; also under 16
 * pooled and 8 pipelining writers, {@link PlannedFailover}), and replica reads
 * ({@code replica-preferred}) with the serving replica killed
 * ({@link SentinelReplicaReads}), where zone-aware reads land beside plain Boot's
 * read-from settings, the same-zone replica then killed ({@link SentinelZoneReads}), a
 * password rotation followed by a master kill ({@link CredentialRotation}); then
 * steady-state throughput and p99 of GET/SET ({@link SentinelSteadyState}). Only when
 * asked ({@code long-run}): {@link LongRun 20 failovers in a row} under 16 pooled
 * writers. Only when asked ({@code cluster}, or each by its name): the same three
 * applications on a Redis Cluster, {@link ClusterFailovers}, {@link ClusterReplicaReads},
 * {@link ClusterSteadyState}. Every scenario is bounded in time; a fresh topology is
 * started for each.
 *
 * <p>
 * Arguments:
 * {@code --scenarios kill,freeze,freeze-resume,manual,planned,replica,zones,rotation,steady,long-run}
 * (default: all but {@code long-run}), or {@code cluster} (or
 * {@code cluster-kill,cluster-freeze,cluster-freeze-resume,cluster-manual,cluster-replica,cluster-reshard,cluster-steady}),
 * {@code --steady-millis N} (default 1000, per client and round),
 * {@code --steady-rounds N} (default 30), {@code --out FILE} (default
 * {@code benchmark/results/<date>-<time>-<scenarios>.md}, see {@link ResultsFile}),
 * {@code --max-minutes N} (default 20).
 *
 * @author redis-ha
 */
public final class FailoverBenchmark {

	static final String DATA_PASSWORD = "bench-data";

	private static final String SENTINEL_PASSWORD = "bench-sentinel";

	private static final List<String> SENTINEL_SCENARIOS = List.of("kill", "service-kill", "service-redeploy", "freeze",
			"freeze-resume", "manual", "planned", "replica", "zones", "rotation", "steady", "long-run");

	private static final List<String> CLUSTER_SCENARIOS = List.of("cluster-kill", "cluster-freeze",
			"cluster-freeze-resume", "cluster-manual", "cluster-replica", "cluster-reshard", "cluster-steady");

	private final Report report = new Report();

	private final long deadline;

	private FailoverBenchmark(Duration maxRuntime) {
		this.deadline = System.nanoTime() + maxRuntime.toNanos();
	}

	public static void main(String[] args) throws Exception {
		Set<String> sentinelDefault = new LinkedHashSet<>(List.of("kill", "freeze", "freeze-resume", "manual",
				"planned", "replica", "zones", "rotation", "steady"));
		Set<String> scenarios = sentinelDefault;
		long steadyMillis = 1000;
		int steadyRounds = 30;
		int maxMinutes = 20;
		Path out = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--scenarios" -> scenarios = scenarios(args[++i]);
				case "--steady-millis" -> steadyMillis = Long.parseLong(args[++i]);
				case "--steady-rounds" -> steadyRounds = Integer.parseInt(args[++i]);
				case "--max-minutes" -> maxMinutes = Integer.parseInt(args[++i]);
				case "--out" -> out = Path.of(args[++i]);
				default -> throw new IllegalArgumentException("unknown argument " + args[i]
						+ "; use --scenarios, --steady-millis, --steady-rounds, --max-minutes, --out");
			}
		}
		Instant startedAt = Instant.now();
		if (out == null) {
			out = ResultsFile.of(ResultsFile.DIRECTORY, startedAt, scenarios, sentinelDefault, CLUSTER_SCENARIOS);
		}
		FailoverBenchmark benchmark = new FailoverBenchmark(Duration.ofMinutes(maxMinutes));
		benchmark.report.header(startedAt, String.join(" ", args));
		for (String scenario : scenarios) {
			if (System.nanoTime() > benchmark.deadline) {
				benchmark.report.note("Stopped before '" + scenario + "': --max-minutes " + maxMinutes + " reached.");
				break;
			}
			log("=== " + scenario);
			try {
				switch (scenario) {
					case "kill", "service-kill", "service-redeploy", "freeze", "freeze-resume", "manual" ->
						new SentinelFailovers(benchmark.report).run(scenario);
					case "planned" -> new PlannedFailover(benchmark.report).run();
					case "long-run" -> new LongRun(benchmark.report, benchmark.deadline).run();
					case "replica" -> new SentinelReplicaReads(benchmark.report).run();
					case "zones" -> new SentinelZoneReads(benchmark.report).run();
					case "rotation" -> new CredentialRotation(benchmark.report).run();
					case "cluster-kill", "cluster-freeze", "cluster-freeze-resume", "cluster-manual",
							"cluster-reshard" ->
						new ClusterFailovers(benchmark.report, Path.of("benchmark", "target")).run(scenario);
					case "cluster-replica" -> new ClusterReplicaReads(benchmark.report).run();
					case "cluster-steady" -> new ClusterSteadyState(benchmark.report).run(steadyMillis, steadyRounds);
					case "steady" -> new SentinelSteadyState(benchmark.report).run(steadyMillis, steadyRounds);
					default -> throw new IllegalArgumentException("unknown scenario " + scenario);
				}
			}
			catch (Exception ex) {
				// the other scenarios still run, and what this one measured so far is
				// reported
				log("scenario " + scenario + " failed: " + ex);
				ex.printStackTrace();
				benchmark.report.note("Scenario '" + scenario + "' failed: " + ex);
			}
		}
		String markdown = benchmark.report.markdown();
		System.out.println(markdown);
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, markdown);
		log("results written to " + out.toAbsolutePath());
		System.exit(0);
	}

	/**
	 * The scenarios named, {@code cluster} standing for every cluster scenario.
	 * @param list comma-separated names
	 * @return the scenarios in order
	 */
	private static Set<String> scenarios(String list) {
		Set<String> scenarios = new LinkedHashSet<>();
		for (String name : list.split(",")) {
			if (name.equals("cluster")) {
				scenarios.addAll(CLUSTER_SCENARIOS);
			}
			else if (SENTINEL_SCENARIOS.contains(name) || CLUSTER_SCENARIOS.contains(name)) {
				scenarios.add(name);
			}
			else {
				throw new IllegalArgumentException("unknown scenario " + name + "; known: "
						+ String.join(",", SENTINEL_SCENARIOS) + ", cluster or " + String.join(",", CLUSTER_SCENARIOS));
			}
		}
		return scenarios;
	}

	static SentinelTopology topology() {
		return sentinel().start();
	}

	/**
	 * The benchmark's Sentinel topology, not yet started, for a scenario that adds to it.
	 * @return the builder
	 */
	static SentinelTopology.Builder sentinel() {
		return RedisTopologies.sentinel()
			.password(DATA_PASSWORD)
			.sentinelPassword(SENTINEL_PASSWORD)
			.downAfter(Duration.ofSeconds(1));
	}

	/**
	 * Acknowledged writes whose key is missing, or holds another value, on the final
	 * master.
	 * @param master the final master
	 * @param ops the recorded operations
	 * @return the sequence numbers of the lost writes
	 */
	static Set<Long> lost(RedisNode master, List<Op> ops) {
		List<Op> acknowledged = ops.stream().filter(Op::acknowledged).toList();
		return NodeQueries.on(master, Duration.ofSeconds(10), (connection) -> {
			Set<Long> lost = new HashSet<>();
			for (int from = 0; from < acknowledged.size(); from += 500) {
				List<Op> batch = acknowledged.subList(from, Math.min(from + 500, acknowledged.size()));
				List<KeyValue<String, String>> values = connection.sync()
					.mget(batch.stream().map(Op::key).toArray(String[]::new));
				for (int i = 0; i < batch.size(); i++) {
					String expected = Long.toString(batch.get(i).seq());
					if (!expected.equals(values.get(i).getValueOrElse(null))) {
						lost.add(batch.get(i).seq());
					}
				}
			}
			return lost;
		});
	}

	static void log(String message) {
		System.err.println(Instant.now() + " [benchmark] " + message);
	}

	static void sleep(Duration duration) throws InterruptedException {
		TimeUnit.NANOSECONDS.sleep(duration.toNanos());
	}

	static void sleepUntil(long nanoTime) throws InterruptedException {
		long remaining = nanoTime - System.nanoTime();
		if (remaining > 0) {
			TimeUnit.NANOSECONDS.sleep(remaining);
		}
	}

}
