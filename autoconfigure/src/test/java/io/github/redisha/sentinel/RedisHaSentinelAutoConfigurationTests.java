package io.github.redisha.sentinel;

import java.util.Map;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link RedisHaSentinelAutoConfiguration} contributes. No Redis is needed: the
 * sentinels are closed loopback ports.
 */
class RedisHaSentinelAutoConfigurationTests {

	private static final Map<String, String> SENTINEL = Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS",
			"127.0.0.1:1,127.0.0.1:2", "REDIS_STARTUP_CHECK_ENABLED", "false", "REDIS_FAILOVER_PROBE_TIMEOUT", "100ms");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
						RedisHaFailoverAutoConfiguration.class, RedisHaSentinelAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void sentinelModeProvidesTheFailoverHistory() {
		this.contextRunner.withInitializer(SystemEnvironment.of(SENTINEL)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(FailoverHistory.class)
				.hasSingleBean(FailoverMonitor.class);
			FailoverHistory history = context.getBean(FailoverHistory.class);
			// no sentinel answers here
			assertThat(history.currentMaster()).isEmpty();
			assertThat(history.lastSwitch()).isEmpty();
			assertThat(context.getBean(FailoverMonitor.class).isRunning()).isTrue();
		});
	}

	@Test
	void sentinelModeFromSpringBootPropertiesAlone() {
		this.contextRunner
			.withPropertyValues("redis.enabled=false", "spring.data.redis.sentinel.master=mymaster",
					"spring.data.redis.sentinel.nodes=127.0.0.1:1", "redis.failover.probe-timeout=100ms")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FailoverHistory.class));
	}

	@Test
	void standaloneGetsNoFailoverMonitor() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(FailoverMonitor.class)
			.doesNotHaveBean(FailoverHistory.class));
	}

	@Test
	void backsOffWithoutTheFailoverClientSide() {
		this.contextRunner
			.withInitializer(SystemEnvironment.of(SystemEnvironment.with(SENTINEL, "REDIS_FAILOVER_ENABLED", "false")))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FailoverMonitor.class));
	}

}
