package io.github.redisha.metrics;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RedisHaMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void registersTheMetersWithMicrometer() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(FailoverMeters.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FailoverMeters.class));
	}

}
