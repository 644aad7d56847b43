package io.github.redisha.cluster;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.routing.RedisHaRoutingAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SteadyWriter;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on a test cluster through Boot's own cluster connection details
 * ({@code spring.data.redis.cluster.nodes}; redis-ha's own details are off), with the
 * cluster engine on, and what the tests check on the nodes.
 */
final class ClusterApp {

	static final String PASSWORD = "data-secret";

	private ClusterApp() {
	}

	static ApplicationContextRunner runner(ClusterTopology cluster, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
					RedisHaSentinelAutoConfiguration.class, RedisHaClusterAutoConfiguration.class,
					RedisHaRoutingAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class))
			.withPropertyValues("redis.enabled=false", "redis.cluster.enabled=true",
					"spring.data.redis.cluster.nodes=" + cluster.seedAddresses(),
					"spring.data.redis.password=" + PASSWORD)
			.withPropertyValues(properties);
	}

	/** The slots {@code node} owns, as it says itself. */
	static Set<Integer> slotsOf(RedisNode node) {
		String nodes = NodeCommands.on(node, PASSWORD, (redis) -> redis.clusterNodes());
		Set<Integer> slots = new TreeSet<>();
		for (RedisClusterNode clusterNode : ClusterPartitionParser.parse(nodes)) {
			if (clusterNode.is(RedisClusterNode.NodeFlag.MYSELF)) {
				slots.addAll(clusterNode.getSlots());
			}
		}
		return slots;
	}

	/**
	 * Every write acknowledged after {@code since} whose slot {@code primary} owns is on
	 * it; there is at least one.
	 */
	static void assertWritesLandedOn(RedisNode primary, SteadyWriter writer, long since) {
		Set<Integer> slots = slotsOf(primary);
		List<String> keys = writer.acknowledgedSentAfter(since)
			.stream()
			.map(SteadyWriter.Write::key)
			.filter((key) -> slots.contains(SlotHash.getSlot(key)))
			.toList();
		assertThat(keys).as("acknowledged writes to the failed-over slots").isNotEmpty();
		long present = NodeCommands.on(primary, PASSWORD,
				(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
		assertThat(present).as("acknowledged writes found on the new primary").isEqualTo(keys.size());
	}

}
