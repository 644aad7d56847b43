package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;

/**
 * Sentinel replica reads ({@code replica-preferred}): redis-ha and plain Boot each read
 * one key every 5 ms, then the replica that served the warm-up reads is killed.
 *
 * @author redis-ha
 */
final class SentinelReplicaReads {

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration WINDOW = Duration.ofSeconds(20);

	private final Report report;

	SentinelReplicaReads(Report report) {
		this.report = report;
	}

	void run() throws Exception {
		try (SentinelTopology topology = FailoverBenchmark.topology()) {
			Client starter = Clients.start(Kind.STARTER, topology, Map.of("redis.read-from", "replica-preferred"));
			Client plain = Clients.start(Kind.PLAIN, topology,
					Map.of("spring.data.redis.lettuce.read-from", "replicaPreferred"));
			String key = "bench:read";
			starter.template().opsForValue().set(key, "value");
			long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			for (RedisNode replica : topology.replicas()) {
				while (!"value".equals(NodeQueries.get(replica, key)) && System.nanoTime() < ready) {
					FailoverBenchmark.sleep(Duration.ofMillis(20));
				}
			}
			List<RedisNode> replicas = topology.replicas();
			long[] before = replicas.stream().mapToLong((replica) -> NodeQueries.getCalls(replica)).toArray();
			long maxNanos = (WARM_UP.plus(WINDOW).plusSeconds(10)).toNanos();
			Operations starterReads = Operations.reads(starter.template(), key, maxNanos);
			Operations plainReads = Operations.reads(plain.template(), key, maxNanos);
			FailoverBenchmark.sleep(WARM_UP);
			RedisNode serving = replicas.get(0);
			long most = -1;
			for (int i = 0; i < replicas.size(); i++) {
				long served = NodeQueries.getCalls(replicas.get(i)) - before[i];
				if (served > most) {
					most = served;
					serving = replicas.get(i);
				}
			}
			FailoverBenchmark
				.log("killing replica " + serving.address() + ", which served " + most + " reads during the warm-up");
			long faultAt = System.nanoTime();
			serving.kill();
			FailoverBenchmark.sleepUntil(faultAt + Duration.ofSeconds(15).toNanos());
			long endAt = System.nanoTime();
			starterReads.stop();
			plainReads.stop();
			starter.close();
			plain.close();
			starterReads.awaitStopped(10_000);
			plainReads.awaitStopped(10_000);
			this.report.replicaReads(Outcome.of(Kind.STARTER.label(), starterReads.done(), faultAt, endAt, -1, null),
					Outcome.of(Kind.PLAIN.label(), plainReads.done(), faultAt, endAt, -1, null));
		}
	}

}
