package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own endpoint settings, which redis-ha ignores while it is enabled: a
 * warning naming each one set, a failure when only they say where Redis is, and silence
 * where redis-ha does not contribute the connection. No Redis is needed: the startup
 * check is off and Lettuce connects lazily.
 */
@ExtendWith(OutputCaptureExtension.class)
class IgnoredEndpointSettingsTests {

	private static final String IGNORED = "is set but ignored while redis-ha is enabled";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void warnsOnceForEachIgnoredSettingNamingItsReplacementButNotItsValue(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("redis.host=redis.internal", "spring.data.redis.host=boot-host.example",
					"spring.data.redis.password=boot-secret-pw",
					"spring.data.redis.sentinel.password=sentinel-secret-pw", "spring.data.redis.database=7")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LettuceConnectionFactory.class).getStandaloneConfiguration().getHostName())
					.isEqualTo("redis.internal");
			});
		assertThat(output)
			.contains("redis-ha: spring.data.redis.host is set but ignored while redis-ha is enabled; "
					+ "use REDIS_HOST (redis.host) instead, or REDIS_ENABLED=false for plain Spring Boot.")
			.contains(
					"redis-ha: spring.data.redis.password " + IGNORED + "; use REDIS_PASSWORD (redis.password) instead")
			.contains("redis-ha: spring.data.redis.sentinel.password " + IGNORED
					+ "; use REDIS_SENTINEL_PASSWORD (redis.sentinel.password) instead")
			.contains("redis-ha: spring.data.redis.database " + IGNORED + "; use REDIS_DATABASE (redis.database)")
			.doesNotContain("boot-host.example")
			.doesNotContain("boot-secret-pw")
			.doesNotContain("sentinel-secret-pw");
		assertThat(output.getOut().split("spring.data.redis.host " + IGNORED, -1)).hasSize(2);
	}

	@Test
	void warnsForSettingsFromTheEnvironment(CapturedOutput output) {
		this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS",
					"127.0.0.1:1", "SPRING_DATA_REDIS_SENTINEL_NODES", "127.0.0.1:2,127.0.0.1:3",
					"SPRING_DATA_REDIS_SENTINEL_MASTER", "orders", "SPRING_DATA_REDIS_USERNAME", "boot-user")))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output)
			.contains("redis-ha: spring.data.redis.sentinel.nodes " + IGNORED
					+ "; use REDIS_SENTINELS (redis.sentinels) with REDIS_SENTINEL_ENABLED=true instead")
			.contains("redis-ha: spring.data.redis.sentinel.master " + IGNORED
					+ "; use REDIS_MASTER_NAME (redis.master-name) instead")
			.contains("redis-ha: spring.data.redis.username " + IGNORED + "; use REDIS_USERNAME (redis.username)")
			.doesNotContain("boot-user")
			.doesNotContain("orders");
	}

	@Test
	void failsWhenOnlySpringBootsSettingsSayWhereRedisIs(CapturedOutput output) {
		FailureAnalysis analysis = StartupFailures.analyze(this.contextRunner.withPropertyValues(
				"spring.data.redis.host=boot-host.example", "spring.data.redis.password=boot-secret-pw"));
		assertThat(analysis.getDescription()).isEqualTo("spring.data.redis.host, spring.data.redis.password are set, "
				+ "but redis-ha ignores Spring Boot's endpoint settings while it is enabled and none of its own "
				+ "(REDIS_HOST, REDIS_PORT, REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES) is set: it would "
				+ "connect to localhost:6379, not where spring.data.redis points.");
		assertThat(analysis.getAction()).isEqualTo(
				"Configure the connection through redis-ha: " + "spring.data.redis.host: use REDIS_HOST (redis.host); "
						+ "spring.data.redis.password: use REDIS_PASSWORD (redis.password). "
						+ "Or set REDIS_ENABLED=false for plain Spring Boot.");
		assertThat(output).doesNotContain("boot-host.example").doesNotContain("boot-secret-pw");
	}

	@Test
	void failsForASentinelListGivenByIndex() {
		FailureAnalysis analysis = StartupFailures.analyze(this.contextRunner.withPropertyValues(
				"spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes[0]=127.0.0.1:26379",
				"spring.data.redis.sentinel.nodes[1]=127.0.0.1:26380"));
		assertThat(analysis.getDescription())
			.startsWith("spring.data.redis.sentinel.master, spring.data.redis.sentinel.nodes are set");
		assertThat(analysis.getAction())
			.contains("spring.data.redis.sentinel.nodes: use REDIS_SENTINELS (redis.sentinels) with "
					+ "REDIS_SENTINEL_ENABLED=true");
	}

	@Test
	void failsForClusterNodesFromTheEnvironment() {
		FailureAnalysis analysis = StartupFailures.analyze(this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("SPRING_DATA_REDIS_CLUSTER_NODES", "127.0.0.1:7000"))));
		assertThat(analysis.getDescription()).startsWith("spring.data.redis.cluster.nodes is set, but redis-ha");
		assertThat(analysis.getAction()).contains(
				"spring.data.redis.cluster.nodes: use REDIS_CLUSTER_NODES (redis.cluster.nodes) with REDIS_CLUSTER_ENABLED=true");
	}

	@Test
	void credentialsAloneOnlyWarn(CapturedOutput output) {
		// they say how to log in, not where: the endpoint is localhost either way
		this.contextRunner.withPropertyValues("spring.data.redis.password=boot-secret-pw")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("spring.data.redis.password " + IGNORED).doesNotContain("boot-secret-pw");
	}

	@Test
	void aKubernetesServiceLinkCountsAsRedisHasEndpoint(CapturedOutput output) {
		this.contextRunner
			.withInitializer(SystemEnvironment
				.of(Map.of("REDIS_PORT", "tcp://10.0.0.7:6379", "SPRING_DATA_REDIS_HOST", "boot-host.example")))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("spring.data.redis.host " + IGNORED);
	}

	@Test
	void settingsSpringBootStillAppliesAreNotWarnedAbout(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("redis.host=redis.internal", "spring.data.redis.ssl.enabled=true",
					"spring.data.redis.timeout=750ms", "spring.data.redis.connect-timeout=2s",
					"spring.data.redis.client-name=orders", "spring.data.redis.lettuce.pool.enabled=false",
					"spring.data.redis.cluster.max-redirects=3", "spring.data.redis.lettuce.shutdown-timeout=1s")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("ignored while redis-ha is enabled");
	}

	@Test
	void silentWhenRedisHaIsDisabled(CapturedOutput output) {
		this.contextRunner.withPropertyValues("redis.enabled=false", "spring.data.redis.host=boot-host.example")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisHaConnectionDetails.class));
		assertThat(output).doesNotContain("ignored while redis-ha is enabled");
	}

	@Test
	void silentWithTheApplicationsOwnConnectionDetails(CapturedOutput output) {
		// also what Testcontainers' @ServiceConnection and Boot's Docker Compose support
		// for a standalone Redis contribute
		DataRedisConnectionDetails own = new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return Standalone.of("own-host", 7000);
			}
		};
		this.contextRunner.withBean(DataRedisConnectionDetails.class, () -> own)
			.withPropertyValues("spring.data.redis.host=boot-host.example", "spring.data.redis.port=6390")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisHaConnectionDetails.class));
		assertThat(output).doesNotContain("ignored while redis-ha is enabled");
	}

	@Test
	void silentWithTheApplicationsOwnConnectionFactory(CapturedOutput output) {
		this.contextRunner.withBean(RedisConnectionFactory.class, () -> new LettuceConnectionFactory("own-host", 7000))
			.withPropertyValues("spring.data.redis.sentinel.master=mymaster",
					"spring.data.redis.sentinel.nodes=127.0.0.1:26379")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisHaConnectionDetails.class));
		assertThat(output).doesNotContain("ignored while redis-ha is enabled");
	}

	@Test
	void silentWithOnlyRedisHaSettings(CapturedOutput output) {
		// what the test kit's @RedisServiceConnection and a compose Sentinel topology
		// give: redis.* alone
		this.contextRunner
			.withPropertyValues("redis.sentinel.enabled=true", "redis.sentinels=127.0.0.1:1",
					"redis.sentinel.password=sentinel-pw", "redis.password=data-pw")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("ignored while redis-ha is enabled");
	}

}
