package io.github.redisha.docker.compose;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.redisha.RedisHaConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Recognising a Redis Cluster among compose services: the project's own cluster profile
 * and the Bitnami image.
 */
class ComposeClusterTopologyTests {

	/**
	 * A node as the cluster profile of the repository's docker-compose.yml defines it:
	 * the official image (exposes 6379, mapped to itself with host networking), the
	 * label, its port and password in the environment.
	 */
	private static ComposeService projectNode(int index) {
		return ComposeService.of("redis-cluster-" + index, "redis:7.2")
			.label("org.springframework.boot.service-connection", "redis-cluster")
			.env("REDIS_PORT", String.valueOf(7000 + index))
			.env("REDIS_PASSWORD", "data-secret")
			.publish(6379, 6379);
	}

	private static List<RunningService> projectNodes() {
		return IntStream.range(0, 6)
			.mapToObj(ComposeClusterTopologyTests::projectNode)
			.map(RunningService.class::cast)
			.toList();
	}

	@Test
	void theProjectsClusterProfileGivesEveryNodeAsASeed() {
		ComposeClusterTopology cluster = ComposeClusterTopology.of(projectNodes());
		assertThat(cluster).isNotNull();
		assertThat(cluster.properties()).containsExactly(Map.entry("redis.cluster.enabled", "true"),
				Map.entry("redis.cluster.nodes",
						"127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003,127.0.0.1:7004,127.0.0.1:7005"),
				Map.entry("redis.password", "data-secret"));
		assertThat(cluster.describe()).contains("redis-cluster-0 at 127.0.0.1:7000").doesNotContain("data-secret");
	}

	@Test
	void theBitnamiClusterImageNeedsNoLabel() {
		ComposeService node = ComposeService.of("redis-node-0", "bitnami/redis-cluster:7.2")
			.env("REDIS_PORT_NUMBER", "6380")
			.env("REDIS_PASSWORD", "data-secret")
			.publish(6380, 32770);
		ComposeClusterTopology cluster = ComposeClusterTopology.of(List.of(node));
		assertThat(cluster).isNotNull();
		assertThat(cluster.properties()).containsEntry("redis.cluster.nodes", "127.0.0.1:32770")
			.containsEntry("redis.password", "data-secret");
	}

	@Test
	void sentinelsAndPlainRedisAreNoClusterNodes() {
		assertThat(ComposeClusterTopology.of(List.of(ComposeService.projectSentinel("s", 26379, "mymaster")))).isNull();
		assertThat(ComposeClusterTopology.of(List.of())).isNull();
	}

	@Test
	void nodesWithDifferentPasswordsAreRejectedWithoutShowingThem() {
		List<RunningService> nodes = List.of(projectNode(0), projectNode(1).env("REDIS_PASSWORD", "other-secret"));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> ComposeClusterTopology.of(nodes))
			.withMessageContaining("'redis-cluster-0' and 'redis-cluster-1'")
			.withMessageContaining("REDIS_PASSWORD")
			.withMessageNotContaining("secret");
	}

	@Test
	void aPlainRedisNextToTheClusterIsRejected() {
		List<RunningService> services = List.of(projectNode(0), ComposeService.of("cache", "redis:7.2"));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> ComposeClusterTopology.of(services))
			.withMessageContaining("'cache'")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("org.springframework.boot.ignore"));
	}

	@Test
	void aSentinelTopologyAndAClusterTogetherAreRejected() {
		List<RunningService> services = List.of(projectNode(0), ComposeService.projectSentinel("s", 26379, "mymaster"));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> ComposeTopologyContributor.contribute(new StandardEnvironment(), services))
			.withMessageContaining("both a Sentinel topology")
			.withMessageContaining("Redis Cluster");
	}

}
