package io.github.redisha.routing;

import java.time.Duration;

import io.github.redisha.connection.ClusterEnvironment;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code REDIS_READ_FROM=replica} in cluster mode against a real 3×1 Redis Cluster:
 * Spring Boot's cluster factory takes redis-ha's read routing, so reads of a key are
 * served by the replica of the key's primary and writes by the primary (counted with
 * {@code INFO commandstats} on each node).
 */
@RedisClusterTopology(password = "cluster-routing-secret")
class ClusterReplicaReadsIT {

	@Test
	void readsGoToTheShardsReplicaWritesToItsPrimary(ClusterTopology cluster) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
							RedisHaFailoverAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class))
			.withInitializer(
					ClusterEnvironment.of(SystemEnvironment.with(cluster.environment(), "REDIS_READ_FROM", "replica")))
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				String key = "routing:cluster";
				RedisNode primary = cluster.primaryForKey(key);
				RedisNode replica = cluster.replicasOf(primary).get(0);
				long primarySets = calls(cluster, primary, "set");
				template.opsForValue().set(key, "value");
				assertThat(calls(cluster, primary, "set") - primarySets).as("SET served by the primary").isOne();
				// the replica has the value once replication caught up; right after the
				// connection is made, Lettuce may also answer the first strict replica
				// read
				// with PartitionSelectorException (seen on this branch; replica-preferred
				// falls back to the primary instead)
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.until(() -> "value".equals(template.opsForValue().get(key)));
				long primaryGets = calls(cluster, primary, "get");
				long replicaGets = calls(cluster, replica, "get");
				for (int i = 0; i < 100; i++) {
					assertThat(template.opsForValue().get(key)).isEqualTo("value");
				}
				assertThat(calls(cluster, replica, "get") - replicaGets).as("GETs served by the replica")
					.isGreaterThanOrEqualTo(100);
				assertThat(calls(cluster, primary, "get") - primaryGets).as("GETs served by the primary").isZero();
			});
	}

	private static long calls(ClusterTopology cluster, RedisNode node, String command) {
		return NodeCommands.calls(node, cluster.password(), command);
	}

}
