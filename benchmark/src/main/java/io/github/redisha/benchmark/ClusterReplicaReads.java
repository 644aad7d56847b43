package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;

/**
 * Cluster replica reads ({@code replica-preferred}): each application reads one key every
 * 5 ms, then the replica of that key's shard, which serves the reads, is killed.
 *
 * @author redis-ha
 */
final class ClusterReplicaReads {

	private static final String KEY = "bench:read";

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration OBSERVED = Duration.ofSeconds(15);

	private final Report report;

	ClusterReplicaReads(Report report) {
		this.report = report;
	}

	void run() throws Exception {
		try (ClusterTopology cluster = ClusterFailovers.cluster()) {
			List<Client> clients = ClusterFailovers.clients(cluster,
					Map.of(Kind.STARTER, Map.of("redis.read-from", "replica-preferred"), Kind.PLAIN,
							Map.of("spring.data.redis.lettuce.read-from", "replicaPreferred"), Kind.PLAIN_2S,
							Map.of("spring.data.redis.lettuce.read-from", "replicaPreferred")));
			clients.get(0).template().opsForValue().set(KEY, "value");
			RedisNode replica = cluster.replicasOf(cluster.primaryForKey(KEY)).get(0);
			long before = NodeQueries.getCalls(replica);
			long maxNanos = WARM_UP.plus(OBSERVED).plusSeconds(10).toNanos();
			List<Operations> reads = new ArrayList<>();
			for (Client client : clients) {
				reads.add(Operations.reads(client.template(), KEY, maxNanos));
			}
			FailoverBenchmark.sleep(WARM_UP);
			FailoverBenchmark.log("killing replica " + replica.address() + ", which served "
					+ (NodeQueries.getCalls(replica) - before) + " reads during the warm-up");
			long faultAt = System.nanoTime();
			replica.kill();
			FailoverBenchmark.sleepUntil(faultAt + OBSERVED.toNanos());
			long endAt = System.nanoTime();
			reads.forEach(Operations::stop);
			clients.forEach(Client::close);
			for (int i = 0; i < clients.size(); i++) {
				reads.get(i).awaitStopped(10_000);
				Outcome outcome = Outcome.of(clients.get(i).kind().label(), reads.get(i).done(), faultAt, endAt, -1,
						null);
				this.report.row("Cluster replica reads (`replica-preferred`), the replica serving them killed:",
						List.of("client", "reads", "read errors", "slowest read (ms)",
								"longest gap between reads (ms)"),
						List.of(outcome.client(), Integer.toString(outcome.operations()),
								Integer.toString(outcome.errors()), Report.millis(outcome.slowest()),
								Report.millis(outcome.longestGap())));
				if (outcome.firstError() != null) {
					this.report.note("cluster replica reads, " + outcome.client() + ": first error: "
							+ Report.abbreviate(outcome.firstError()));
				}
			}
		}
	}

}
