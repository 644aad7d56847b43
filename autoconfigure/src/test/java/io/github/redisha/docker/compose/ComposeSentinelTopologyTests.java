package io.github.redisha.docker.compose;

import java.util.List;
import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.docker.compose.core.RunningService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which compose services {@link ComposeSentinelTopology} recognises as a Sentinel
 * topology and which {@code redis.*} settings it derives from their labels and
 * environment.
 */
class ComposeSentinelTopologyTests {

	private static ComposeService projectSentinel(String name, int port) {
		return ComposeService.projectSentinel(name, port, "mymaster");
	}

	private static List<RunningService> projectSentinels() {
		return List.of(projectSentinel("redis-sentinel-1", 26379), projectSentinel("redis-sentinel-2", 26380),
				projectSentinel("redis-sentinel-3", 26381));
	}

	@Test
	void theProjectsComposeFileGivesTheWholeTopology() {
		ComposeSentinelTopology topology = ComposeSentinelTopology.of(projectSentinels());
		assertThat(topology).isNotNull();
		assertThat(topology.properties()).containsExactly(Map.entry("redis.sentinel.enabled", "true"),
				Map.entry("redis.sentinels", "127.0.0.1:26379,127.0.0.1:26380,127.0.0.1:26381"),
				Map.entry("redis.master-name", "mymaster"), Map.entry("redis.password", "data-secret"),
				Map.entry("redis.sentinel.password", "sentinel-secret"));
	}

	@Test
	void theBitnamiSentinelImageNeedsNoLabel() {
		ComposeService sentinel = ComposeService.of("sentinel", "bitnami/redis-sentinel:7.2")
			.env("REDIS_MASTER_SET", "orders")
			.env("REDIS_MASTER_PASSWORD", "data-secret")
			.env("REDIS_SENTINEL_PASSWORD", "sentinel-secret")
			.publish(26379, 32768);
		ComposeSentinelTopology topology = ComposeSentinelTopology.of(List.of(sentinel));
		assertThat(topology).isNotNull();
		assertThat(topology.properties()).containsEntry("redis.sentinels", "127.0.0.1:32768")
			.containsEntry("redis.master-name", "orders")
			.containsEntry("redis.password", "data-secret")
			.containsEntry("redis.sentinel.password", "sentinel-secret");
	}

	@Test
	void plainRedisServicesAreLeftToSpringBoot() {
		assertThat(ComposeSentinelTopology.of(List.of(ComposeService.of("redis", "redis:7.2").publish(6379, 6379))))
			.isNull();
		assertThat(ComposeSentinelTopology.of(List.of())).isNull();
	}

	@Test
	void anotherServiceConnectionLabelWinsOverTheSentinelImage() {
		ComposeService relabelled = ComposeService.of("sentinel", "bitnami/redis-sentinel:7.2")
			.label("org.springframework.boot.service-connection", "something-else");
		assertThat(ComposeSentinelTopology.of(List.of(relabelled))).isNull();
	}

	@Test
	void portLabelWinsOverTheEnvironment() {
		ComposeService sentinel = ComposeService.of("sentinel", "redis:7.2")
			.sentinel()
			.env("REDIS_SENTINEL_PORT_NUMBER", "26380")
			.label("io.github.redisha.port", "26390");
		assertThat(ComposeSentinelTopology.of(List.of(sentinel)).properties()).containsEntry("redis.sentinels",
				"127.0.0.1:26390");
	}

	@Test
	void publishedPortOfTheSentinelPortIsUsed() {
		ComposeService bridged = ComposeService.of("sentinel", "redis:7.2").sentinel().publish(26379, 40001);
		assertThat(ComposeSentinelTopology.of(List.of(bridged)).properties()).containsEntry("redis.sentinels",
				"127.0.0.1:40001");
	}

	@Test
	void sentinelPortIsTheDefaultWhenNothingSaysOtherwise() {
		ComposeService sentinel = ComposeService.of("sentinel", "redis-ha/redis:7").sentinel();
		assertThat(ComposeSentinelTopology.of(List.of(sentinel)).properties()).containsEntry("redis.sentinels",
				"127.0.0.1:26379");
	}

	@Test
	void masterNameLabelWinsOverTheEnvironment() {
		ComposeService sentinel = ComposeService.of("sentinel", "redis:7.2")
			.sentinel()
			.env("REDIS_MASTER_NAME", "from-env")
			.label("io.github.redisha.master-name", "from-label");
		assertThat(ComposeSentinelTopology.of(List.of(sentinel)).properties()).containsEntry("redis.master-name",
				"from-label");
	}

	@Test
	void unstatedMasterNameAndPasswordsAreLeftToRedisHaSettings() {
		ComposeService sentinel = ComposeService.of("sentinel", "redis:7.2").sentinel().env("REDIS_PASSWORD", "");
		assertThat(ComposeSentinelTopology.of(List.of(sentinel)).properties())
			.containsOnlyKeys("redis.sentinel.enabled", "redis.sentinels");
	}

	@Test
	void aPortThatIsNotANumberIsReportedWithItsSource() {
		ComposeService sentinel = ComposeService.of("sentinel-1", "redis:7.2")
			.sentinel()
			.env("REDIS_SENTINEL_PORT_NUMBER", "twenty");
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> ComposeSentinelTopology.of(List.of(sentinel)))
			.withMessageContaining("'sentinel-1'")
			.withMessageContaining("REDIS_SENTINEL_PORT_NUMBER 'twenty'")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("26379"));
	}

	@Test
	void sentinelsThatDisagreeAreRejectedWithoutShowingSecrets() {
		List<RunningService> services = List.of(projectSentinel("redis-sentinel-1", 26379),
				projectSentinel("redis-sentinel-2", 26380).env("REDIS_PASSWORD", "other-secret"));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> ComposeSentinelTopology.of(services))
			.withMessageContaining("'redis-sentinel-1' and 'redis-sentinel-2'")
			.withMessageNotContaining("secret");
	}

	@Test
	void aRedisDataNodeThatSpringBootWouldAlsoConnectToIsRejected() {
		List<RunningService> services = List.of(ComposeService.of("redis-master", "redis:7.2").publish(6379, 6379),
				projectSentinel("redis-sentinel-1", 26379));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> ComposeSentinelTopology.of(services))
			.withMessageContaining("'redis-master'")
			.withMessageContaining("redis-sentinel-1 at 127.0.0.1:26379")
			.withMessageNotContaining("secret")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("org.springframework.boot.ignore: \"true\""));
	}

	@Test
	void dataNodesSpringBootDoesNotConnectToAreAccepted() {
		List<RunningService> services = List.of(ComposeService.of("redis-master", "redis-ha/redis:7"),
				ComposeService.of("redis-replica", "redis:7.2")
					.label("org.springframework.boot.service-connection", "redis-data"),
				projectSentinel("redis-sentinel-1", 26379));
		assertThat(ComposeSentinelTopology.of(services)).isNotNull();
	}

	@Test
	void describesTheTopologyWithoutSecrets() {
		assertThat(ComposeSentinelTopology.of(projectSentinels()).describe())
			.isEqualTo("sentinels [redis-sentinel-1 at 127.0.0.1:26379, redis-sentinel-2 at 127.0.0.1:26380, "
					+ "redis-sentinel-3 at 127.0.0.1:26381], master name 'mymaster'");
	}

}
