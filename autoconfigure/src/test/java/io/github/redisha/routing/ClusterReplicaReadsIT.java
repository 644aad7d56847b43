package io.github.redisha.routing;

import io.github.redisha.connection.ClusterEnvironment;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SystemEnvironment;
import io.lettuce.core.ReadFrom;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code REDIS_READ_FROM} in cluster mode against a real 3×1 Redis Cluster: Spring Boot's
 * cluster factory takes redis-ha's read routing (its client configuration carries it),
 * writes go to the key's primary (counted with {@code INFO commandstats}) and reads
 * answer. Which node serves a read is Lettuce's choice, and it takes a replica only once
 * its topology knows the replica's replication offset
 * ({@code PooledClusterConnectionProvider.isReadCandidate}): with Lettuce 6.8 (Spring
 * Boot 4.0) a freshly loaded topology has none, so {@code replica} fails the read and
 * {@code replica-preferred} reads from the primary until a refresh brings the offsets
 * (docs/failover.md). The replica reads themselves are asserted where the version allows
 * it: {@code cluster.ClusterReplicaReadsIT} (no read error with a replica dead, frozen,
 * loading or restarted).
 */
@RedisClusterTopology(password = "cluster-routing-secret")
class ClusterReplicaReadsIT {

	@Test
	void readRoutingReachesTheClusterFactory(ClusterTopology cluster) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
					RedisHaSentinelAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class))
			.withInitializer(ClusterEnvironment
				.of(SystemEnvironment.with(cluster.environment(), "REDIS_READ_FROM", "replica-preferred")))
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getClusterConfiguration()).isNotNull();
				assertThat(factory.getClientConfiguration().getReadFrom()).hasValueSatisfying(
						(readFrom) -> assertThat(readFrom).hasToString(ReadFrom.REPLICA_PREFERRED.toString()));
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				String key = "routing:cluster";
				RedisNode primary = cluster.primaryForKey(key);
				long primarySets = calls(cluster, primary, "set");
				template.opsForValue().set(key, "value");
				assertThat(calls(cluster, primary, "set") - primarySets).as("SET served by the primary").isOne();
				for (int i = 0; i < 100; i++) {
					assertThat(template.opsForValue().get(key)).isEqualTo("value");
				}
			});
	}

	private static long calls(ClusterTopology cluster, RedisNode node, String command) {
		return NodeCommands.calls(node, cluster.password(), command);
	}

}
