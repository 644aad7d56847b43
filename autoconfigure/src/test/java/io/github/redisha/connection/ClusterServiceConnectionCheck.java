package io.github.redisha.connection;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.testsupport.DirectRedis;
import io.lettuce.core.cluster.ClusterClientOptions;

import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application wired to a test cluster by {@code @RedisServiceConnection} must
 * show: Boot's connection factory in cluster mode with every node of the cluster as a
 * seed and cluster client options, and a write through {@link StringRedisTemplate} stored
 * on the primary the cluster says owns the key.
 */
final class ClusterServiceConnectionCheck {

	private ClusterServiceConnectionCheck() {
	}

	static void assertConnectedInClusterMode(ApplicationContext context, ClusterTopology cluster, String key) {
		LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
		assertThat(factory.isClusterAware()).as("connection factory in cluster mode").isTrue();
		assertThat(factory.getClusterConfiguration().getClusterNodes())
			.map((node) -> node.getHost() + ":" + node.getPort())
			.containsExactlyInAnyOrderElementsOf(cluster.nodes().stream().map(RedisNode::address).toList());
		assertThat(factory.getClientConfiguration().getClientOptions()).get()
			.as("cluster client options, as with REDIS_CLUSTER_ENABLED")
			.isInstanceOf(ClusterClientOptions.class);
		StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
		template.opsForValue().set(key, "written-by-app");
		assertThat(template.opsForValue().get(key)).isEqualTo("written-by-app");
		assertThat(DirectRedis.get(cluster.primaryForKey(key), cluster.password(), key))
			.as("on the primary owning %s", key)
			.isEqualTo("written-by-app");
	}

}
