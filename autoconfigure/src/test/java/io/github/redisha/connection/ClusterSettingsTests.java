package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode's settings ({@code REDIS_CLUSTER_*}), how they reach Spring Boot's factory
 * and how bad input is rejected. No Redis is needed: the startup check is switched off
 * and Lettuce connects lazily.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterSettingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void clusterNodesReachBootsFactoryWithCredentials(CapturedOutput output) {
		run(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "redis-0:7000, redis-1:7001,[::1]:7002",
				"REDIS_USERNAME", "app", "REDIS_PASSWORD", "cluster-secret-1"))
			.run((context) -> {
				DataRedisConnectionDetails details = context.getBean(DataRedisConnectionDetails.class);
				assertThat(details.getCluster().getNodes()).containsExactly(new Node("redis-0", 7000),
						new Node("redis-1", 7001), new Node("::1", 7002));
				assertThat(details.getSentinel()).isNull();
				assertThat(details.getStandalone()).isNull();
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getClusterConfiguration().getClusterNodes()).containsExactlyInAnyOrder(
						new RedisNode("redis-0", 7000), new RedisNode("redis-1", 7001), new RedisNode("::1", 7002));
				assertThat(factory.getClusterConfiguration().getUsername()).isEqualTo("app");
				assertThat(factory.getClusterConfiguration().getPassword().get())
					.isEqualTo("cluster-secret-1".toCharArray());
				assertThat(factory.getClusterConfiguration().getMaxRedirects()).isEqualTo(5);
			});
		assertThat(output)
			.contains("redis-ha: cluster mode, seed nodes [redis-0:7000, redis-1:7001, [::1]:7002], "
					+ "at most 5 redirects per command, data password set")
			.doesNotContain("cluster-secret-1");
	}

	@Test
	void maxRedirectsReachesBootsFactory() {
		run(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "redis-0:7000",
				"REDIS_CLUSTER_MAX_REDIRECTS", "2"))
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getClusterConfiguration().getMaxRedirects())
				.isEqualTo(2));
	}

	@Test
	void bootsOwnMaxRedirectsWins() {
		run(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "redis-0:7000",
				"REDIS_CLUSTER_MAX_REDIRECTS", "2"))
			.withPropertyValues("spring.data.redis.cluster.max-redirects=7")
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getClusterConfiguration().getMaxRedirects())
				.isEqualTo(7));
	}

	@Test
	void maxRedirectsAndNodesAreIgnoredWithoutClusterMode() {
		run(Map.of("REDIS_CLUSTER_NODES", "redis-0:7000", "REDIS_CLUSTER_MAX_REDIRECTS", "2")).run((context) -> {
			assertThat(context.getBean(DataRedisConnectionDetails.class).getCluster()).isNull();
			assertThat(
					context.getEnvironment().containsProperty(ClusterRedirectsEnvironmentPostProcessor.BOOT_PROPERTY))
				.isFalse();
		});
	}

	@Test
	void clusterAndSentinelTogetherAreRejected() {
		FailureAnalysis analysis = analyze(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES",
				"redis-0:7000", "REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS", "s-0:26379"));
		assertThat(analysis.getDescription()).isEqualTo(
				"Both REDIS_CLUSTER_ENABLED (redis.cluster.enabled) and REDIS_SENTINEL_ENABLED (redis.sentinel.enabled) "
						+ "are true: a connection is either to a Redis Cluster or through Sentinel.");
		assertThat(analysis.getAction()).contains("not both");
	}

	@Test
	void emptyNodeListIsRejected() {
		FailureAnalysis analysis = analyze(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", " , "));
		assertThat(analysis.getDescription())
			.isEqualTo("REDIS_CLUSTER_ENABLED is true but REDIS_CLUSTER_NODES (redis.cluster.nodes) is empty.");
		assertThat(analysis.getAction()).startsWith("Set REDIS_CLUSTER_NODES to some of the cluster's nodes");
	}

	@Test
	void missingNodeListIsRejected() {
		assertThat(analyze(Map.of("REDIS_CLUSTER_ENABLED", "true")).getDescription())
			.isEqualTo("REDIS_CLUSTER_ENABLED is true but REDIS_CLUSTER_NODES (redis.cluster.nodes) is empty.");
	}

	@Test
	void malformedNodeIsRejectedNamingTheEntry() {
		FailureAnalysis analysis = analyze(
				Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "redis-0:7000,redis-1"));
		assertThat(analysis.getDescription())
			.startsWith("REDIS_CLUSTER_NODES (redis.cluster.nodes) has an invalid entry 'redis-1'");
		assertThat(analysis.getAction()).startsWith("Write each entry as host:port");
	}

	@Test
	void portOutOfRangeIsRejected() {
		assertThat(analyze(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "redis-0:70000"))
			.getDescription()).contains("port 70000 is outside 1-65535");
	}

	@Test
	void negativeMaxRedirectsIsRejected() {
		FailureAnalysis analysis = analyze(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES",
				"redis-0:7000", "REDIS_CLUSTER_MAX_REDIRECTS", "-1"));
		assertThat(analysis.getDescription())
			.isEqualTo("REDIS_CLUSTER_MAX_REDIRECTS (redis.cluster.max-redirects) is -1 but must be 0 or more.");
		assertThat(analysis.getAction()).startsWith("Set REDIS_CLUSTER_MAX_REDIRECTS to how many");
	}

	@Test
	void databaseOtherThanZeroIsRejectedInClusterMode() {
		FailureAnalysis analysis = analyze(
				Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "redis-0:7000", "REDIS_DATABASE", "2"));
		assertThat(analysis.getDescription())
			.isEqualTo("REDIS_DATABASE (redis.database) is 2 but a Redis Cluster has only database 0.");
		assertThat(analysis.getAction()).contains("Remove REDIS_DATABASE");
	}

	@Test
	void redisUrlWithClusterModeIsRejected() {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		try {
			new RedisUrlEnvironmentPostProcessor().postProcessEnvironment(
					SystemEnvironment.environment(
							Map.of("REDIS_URL", "redis://:url-secret@cache:6379", "REDIS_CLUSTER_ENABLED", "true")),
					new SpringApplication());
		}
		catch (RedisHaConfigurationException ex) {
			analysis[0] = new RedisHaConfigurationFailureAnalyzer().analyze(ex);
		}
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		assertThat(analysis[0].getDescription()).isEqualTo("REDIS_URL (redis.url) 'redis://****@cache:6379' is a "
				+ "single-node URL, which cannot describe a Redis Cluster, and REDIS_CLUSTER_ENABLED "
				+ "(redis.cluster.enabled) is true.");
		assertThat(analysis[0].getAction()).contains("remove REDIS_CLUSTER_ENABLED");
	}

	private ApplicationContextRunner run(Map<String, String> variables) {
		return this.contextRunner.withInitializer(ClusterEnvironment.of(variables));
	}

	private FailureAnalysis analyze(Map<String, String> variables) {
		return StartupFailures.analyze(run(variables));
	}

}
