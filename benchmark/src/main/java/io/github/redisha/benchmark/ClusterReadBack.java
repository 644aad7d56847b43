package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.ClusterTopology;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

/**
 * Reads every acknowledged write of a cluster scenario back from the cluster once it is
 * healthy again: a key that is missing or holds another value is a lost acknowledged
 * write.
 *
 * @author redis-ha
 */
final class ClusterReadBack {

	private static final int BATCH = 1000;

	private ClusterReadBack() {
	}

	/**
	 * The acknowledged writes of {@code ops} that the cluster does not hold.
	 * @param cluster the cluster, healthy
	 * @param ops the recorded operations of one client
	 * @return the sequence numbers of the lost writes
	 * @throws Exception when the cluster cannot be read
	 */
	static Set<Long> lost(ClusterTopology cluster, List<Op> ops) throws Exception {
		List<Op> acknowledged = ops.stream().filter(Op::acknowledged).toList();
		List<RedisURI> seeds = new ArrayList<>();
		for (String address : cluster.seedAddresses().split(",")) {
			int colon = address.lastIndexOf(':');
			seeds.add(RedisURI.builder()
				.withHost(address.substring(0, colon))
				.withPort(Integer.parseInt(address.substring(colon + 1)))
				.withPassword(cluster.password().toCharArray())
				.withTimeout(Duration.ofSeconds(10))
				.build());
		}
		RedisClusterClient client = RedisClusterClient.create(seeds);
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			RedisAdvancedClusterAsyncCommands<String, String> redis = connection.async();
			Set<Long> lost = new HashSet<>();
			for (int from = 0; from < acknowledged.size(); from += BATCH) {
				List<Op> batch = acknowledged.subList(from, Math.min(from + BATCH, acknowledged.size()));
				List<RedisFuture<String>> values = batch.stream().map((op) -> redis.get(op.key())).toList();
				for (int i = 0; i < batch.size(); i++) {
					String value = values.get(i).get(10, TimeUnit.SECONDS);
					if (!Long.toString(batch.get(i).seq()).equals(value)) {
						lost.add(batch.get(i).seq());
					}
				}
			}
			return lost;
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
