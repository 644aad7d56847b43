package io.github.redisha.health;

import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Redis health contributor an application ends up with. No Redis is needed: no
 * check runs while the context starts.
 */
class RedisHaHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
				RedisHaHealthAutoConfiguration.class, DataRedisHealthContributorAutoConfiguration.class,
				DataRedisReactiveHealthContributorAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void replacesBootsServletAndReactiveIndicatorsInSentinelMode() {
		this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS",
					"127.0.0.1:26379", "REDIS_HEALTH_TIMEOUT", "250ms")))
			.run((context) -> {
				assertThat(context).hasSingleBean(HealthContributor.class)
					.doesNotHaveBean(ReactiveHealthContributor.class);
				assertThat(context.getBean("redisHealthContributor"))
					.isInstanceOf(SentinelAwareRedisHealthIndicator.class);
				assertThat(context.getBean(RedisHaHealthProperties.class).getTimeout().toMillis()).isEqualTo(250);
			});
	}

	@Test
	void replacesBootsIndicatorInStandaloneMode() {
		this.contextRunner.run((context) -> assertThat(context.getBean("redisHealthContributor"))
			.isInstanceOf(SentinelAwareRedisHealthIndicator.class));
	}

	@Test
	void clusterIndicatorInClusterMode() {
		this.contextRunner
			.withInitializer(SystemEnvironment
				.of(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "127.0.0.1:7000,127.0.0.1:7001")))
			.run((context) -> {
				assertThat(context).hasSingleBean(HealthContributor.class)
					.doesNotHaveBean(ReactiveHealthContributor.class);
				assertThat(context.getBean("redisHealthContributor")).isInstanceOf(ClusterHealthIndicator.class);
			});
	}

	@Test
	void clusterIndicatorForBootsOwnClusterSettingsToo() {
		this.contextRunner.withPropertyValues("redis.enabled=false", "spring.data.redis.cluster.nodes=127.0.0.1:7000")
			.run((context) -> assertThat(context.getBean("redisHealthContributor"))
				.isInstanceOf(ClusterHealthIndicator.class));
	}

	@Test
	void keepsBootsIndicatorForStaticMasterReplica() {
		this.contextRunner
			.withPropertyValues("redis.enabled=false", "spring.data.redis.masterreplica.nodes=127.0.0.1:6379")
			.run((context) -> assertThat(context.getBean("redisHealthContributor"))
				.isInstanceOf(DataRedisHealthIndicator.class));
	}

	@Test
	void backsOffFromTheApplicationsIndicator() {
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withBean("redisHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).hasSingleBean(HealthContributor.class)
				.doesNotHaveBean("redisHealthContributor")
				.doesNotHaveBean(SentinelAwareRedisHealthIndicator.class));
	}

	@Test
	void canBeSwitchedOffInFavourOfBoots() {
		this.contextRunner.withInitializer(SystemEnvironment.of(Map.of("REDIS_HEALTH_ENABLED", "false")))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SentinelAwareRedisHealthIndicator.class);
				assertThat(context).hasBean("redisHealthContributor");
			});
	}

	@Test
	void followsBootsRedisHealthSwitch() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthContributor.class)
				.doesNotHaveBean(ReactiveHealthContributor.class));
	}

	@Test
	void staysAwayWithoutSpringBootsHealthModule() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaHealthAutoConfiguration.class))
			.withPropertyValues("redis.startup-check.enabled=false")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RedisHaHealthProperties.class)
				.doesNotHaveBean("redisHealthContributor"));
	}

	@Test
	void invalidTimeoutStopsStartupSayingWhatToDo() {
		this.contextRunner.withInitializer(SystemEnvironment.of(Map.of("REDIS_HEALTH_TIMEOUT", "0s")))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RedisHaConfigurationException.class)
				.hasMessage("REDIS_HEALTH_TIMEOUT (redis.health.timeout) is 0ms but must be positive."));
	}

}
