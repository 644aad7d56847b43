package io.github.redisha.test.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The variables of a topology's {@code environment()} become the {@code redis.*}
 * properties the starter binds them to.
 */
class TopologyPropertiesTests {

	@Test
	void clusterVariablesBecomeTheClusterProperties() {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("REDIS_CLUSTER_ENABLED", "true");
		variables.put("REDIS_CLUSTER_NODES", "127.0.0.1:7000,127.0.0.1:7001");
		variables.put("REDIS_PASSWORD", "cluster-secret");
		assertThat(TopologyProperties.ofVariables(variables)).containsExactly(
				Map.entry("redis.cluster.enabled", "true"),
				Map.entry("redis.cluster.nodes", "127.0.0.1:7000,127.0.0.1:7001"),
				Map.entry("redis.password", "cluster-secret"));
	}

	@Test
	void clusterWithoutPasswordHasNoPasswordProperty() {
		assertThat(TopologyProperties
			.ofVariables(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "127.0.0.1:7000")))
			.containsOnlyKeys("redis.cluster.enabled", "redis.cluster.nodes");
	}

	@Test
	void variableWithoutAPropertyIsAnError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TopologyProperties.ofVariables(Map.of("REDIS_CLUSTER_SHARDS", "3")))
			.withMessage("No redis.* property known for the topology variable REDIS_CLUSTER_SHARDS");
	}

	@Test
	void anythingButATopologyIsRejectedNamingTheSupportedTypes() {
		assertThatIllegalArgumentException().isThrownBy(() -> TopologyProperties.of("127.0.0.1:7000"))
			.withMessage("@RedisServiceConnection needs a SentinelTopology, a StandaloneRedis or a ClusterTopology, "
					+ "not java.lang.String");
	}

}
