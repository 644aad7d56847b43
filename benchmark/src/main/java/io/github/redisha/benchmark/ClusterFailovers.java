package io.github.redisha.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;

/**
 * Cluster faults: the same three applications (redis-ha, plain Boot with its defaults,
 * plain Boot with a 2 s command timeout) side by side on a fresh native 3 + 3 cluster
 * ({@code cluster-node-timeout} 1000), each writing one key every 5 ms, keys spread over
 * all slots; the primary of slot 0 is killed, frozen, frozen and resumed, or handed over
 * with {@code CLUSTER FAILOVER}, or 1,000 of its slots are moved to another primary. R is
 * the promoted replica's own {@code Failover election won} log line.
 *
 * @author redis-ha
 */
final class ClusterFailovers {

	static final List<Kind> CLIENTS = List.of(Kind.STARTER, Kind.PLAIN, Kind.PLAIN_2S);

	private static final String TITLE = "Cluster (3 primaries + 3 replicas, `cluster-node-timeout` 1000): the primary "
			+ "of slot 0 failed, one SET every 5 ms per client, keys over all slots. R: the promoted replica's "
			+ "`Failover election won` log line.";

	private static final List<String> COLUMNS = List.of("scenario", "client", "R (s)", "W (s)", "W−R (s)",
			"longest write gap (s)", "errors", "acknowledged writes", "lost acknowledged writes");

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration WINDOW = Duration.ofSeconds(20);

	private static final Duration FROZEN_FOR = Duration.ofSeconds(10);

	private static final Duration RESUME_WINDOW = Duration.ofSeconds(25);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private static final int RESHARDED_SLOTS = 1000;

	private final Report report;

	private final Path timelineDirectory;

	ClusterFailovers(Report report, Path timelineDirectory) {
		this.report = report;
		this.timelineDirectory = timelineDirectory;
	}

	static ClusterTopology cluster() {
		return RedisTopologies.cluster()
			.password(FailoverBenchmark.DATA_PASSWORD)
			.nodeTimeout(Duration.ofSeconds(1))
			.start();
	}

	static List<Client> clients(ClusterTopology cluster, Map<Kind, Map<String, Object>> extra) {
		List<Client> clients = new ArrayList<>();
		for (Kind kind : CLIENTS) {
			clients.add(Clients.startCluster(kind, cluster, extra.getOrDefault(kind, Map.of())));
		}
		return clients;
	}

	/**
	 * One fault scenario.
	 * @param scenario {@code cluster-kill}, {@code cluster-freeze},
	 * {@code cluster-freeze-resume}, {@code cluster-manual} or {@code cluster-reshard}
	 * @throws Exception when the cluster fails
	 */
	void run(String scenario) throws Exception {
		try (ClusterTopology cluster = cluster()) {
			List<Client> clients = clients(cluster, Map.of());
			long maxNanos = WARM_UP.plus(RESUME_WINDOW).plusSeconds(30).toNanos();
			List<Operations> writes = new ArrayList<>();
			for (Client client : clients) {
				writes.add(Operations.writes(client.template(), client.kind().name().toLowerCase() + "-" + scenario,
						maxNanos));
			}
			FailoverBenchmark.sleep(WARM_UP);
			RedisNode victim = cluster.primaryFor(0);
			RedisNode replica = cluster.replicasOf(victim).get(0);
			FailoverBenchmark.log(scenario + " on " + victim.address());
			long faultAt = System.nanoTime();
			long faultAtMillis = System.currentTimeMillis();
			Duration window = WINDOW;
			switch (scenario) {
				case "cluster-kill" -> victim.kill();
				case "cluster-freeze" -> victim.freeze();
				case "cluster-freeze-resume" -> {
					victim.freeze();
					window = RESUME_WINDOW;
				}
				case "cluster-manual" -> cluster.failover(replica);
				case "cluster-reshard" -> {
					cluster.reshard(RESHARDED_SLOTS, victim, cluster.primaryFor(16383));
					FailoverBenchmark.log("moved " + RESHARDED_SLOTS + " slots in "
							+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - faultAt) + " ms");
					window = Duration.ofNanos(System.nanoTime() - faultAt).plusSeconds(2);
				}
				default -> throw new IllegalArgumentException(scenario);
			}
			if (scenario.equals("cluster-freeze-resume")) {
				FailoverBenchmark.sleepUntil(faultAt + FROZEN_FOR.toNanos());
				victim.thaw();
				FailoverBenchmark.log("resumed " + victim.address());
			}
			FailoverBenchmark.sleepUntil(faultAt + window.toNanos());
			long endAt = System.nanoTime();
			writes.forEach(Operations::stop);
			// a client stuck on a frozen node would wait for its command timeout: closing
			// it fails the pending write, which then counts as an error
			clients.forEach(Client::close);
			for (Operations operations : writes) {
				operations.awaitStopped(10_000);
			}
			if (scenario.equals("cluster-freeze")) {
				victim.kill();
			}
			long promotedAt = -1;
			if (!scenario.equals("cluster-reshard")) {
				// after a planned failover the old primary owns no slots to wait for
				RedisNode successor = scenario.equals("cluster-manual") ? replica
						: cluster.awaitFailover(victim, SETTLE);
				OptionalLong electionWon = PromotionLog.electionWonAt(successor);
				if (electionWon.isPresent()) {
					promotedAt = faultAt + TimeUnit.MILLISECONDS.toNanos(electionWon.getAsLong() - faultAtMillis);
				}
				else {
					this.report
						.note(scenario + ": no 'Failover election won' line in the log of " + successor.address());
				}
			}
			cluster.awaitHealthy(SETTLE);
			List<Outcome> outcomes = new ArrayList<>();
			List<List<Op>> allOps = new ArrayList<>();
			for (int i = 0; i < clients.size(); i++) {
				List<Op> ops = writes.get(i).done();
				Set<Long> lost = ClusterReadBack.lost(cluster, ops);
				outcomes.add(Outcome.of(clients.get(i).kind().label(), ops, faultAt, endAt, promotedAt, lost));
				allOps.add(ops);
			}
			outcomes.forEach((outcome) -> row(scenario, outcome));
			if (scenario.equals("cluster-kill")) {
				timeline(outcomes, allOps, faultAt, endAt, promotedAt);
			}
		}
	}

	private void row(String scenario, Outcome outcome) {
		Long wMinusR = outcome.writeMinusPromotion();
		this.report.row(TITLE, COLUMNS,
				List.of(name(scenario), outcome.client(),
						(outcome.promotion() >= 0) ? Report.seconds(outcome.promotion()) : "–",
						(outcome.promotion() < 0) ? "–"
								: (outcome.firstWriteAfterGap() >= 0) ? Report.seconds(outcome.firstWriteAfterGap())
										: "not recovered",
						(wMinusR != null) ? Report.seconds(wMinusR) : "–", Report.seconds(outcome.longestGap()),
						Integer.toString(outcome.errors()), Integer.toString(outcome.acknowledged()),
						Long.toString(outcome.lost())));
		if (outcome.firstError() != null) {
			this.report.note(name(scenario) + ", " + outcome.client() + ": first error: "
					+ Report.abbreviate(outcome.firstError()));
		}
	}

	private void timeline(List<Outcome> outcomes, List<List<Op>> ops, long faultAt, long endAt, long promotedAt)
			throws Exception {
		long from = faultAt - TimeUnit.SECONDS.toNanos(2);
		List<int[]> counts = ops.stream().map((clientOps) -> WriteTimeline.perBucket(clientOps, from, endAt)).toList();
		String svg = WriteTimeline.svg("Cluster primary SIGKILL: acknowledged writes per 50 ms",
				outcomes.stream().map(Outcome::client).toList(), counts, 2,
				(promotedAt > 0) ? (promotedAt - faultAt) / 1e9 : -1);
		Files.createDirectories(this.timelineDirectory);
		Path file = this.timelineDirectory.resolve("cluster-kill-timeline.svg");
		Files.writeString(file, svg);
		FailoverBenchmark.log("timeline written to " + file.toAbsolutePath());
	}

	static String name(String scenario) {
		return switch (scenario) {
			case "cluster-kill" -> "primary SIGKILL";
			case "cluster-freeze" -> "primary frozen, not resumed";
			case "cluster-freeze-resume" -> "primary frozen 10 s, resumed";
			case "cluster-manual" -> "CLUSTER FAILOVER";
			case "cluster-reshard" -> RESHARDED_SLOTS + " slots moved under load";
			default -> scenario;
		};
	}

}
