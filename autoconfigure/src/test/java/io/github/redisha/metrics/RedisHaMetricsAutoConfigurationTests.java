package io.github.redisha.metrics;

import java.util.List;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failover meters each mode gets. No Redis is needed: the nodes are closed loopback
 * ports, and Lettuce connects lazily.
 */
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
	void standaloneHasNoSentinelMeters() {
		this.contextRunner.run((context) -> assertNoSentinelMeters(context, "standalone"));
	}

	@Test
	void clusterHasNoSentinelMeters() {
		this.contextRunner.withPropertyValues("redis.cluster.enabled=true", "redis.cluster.nodes=127.0.0.1:1")
			.run((context) -> assertNoSentinelMeters(context, "cluster"));
	}

	@Test
	void sentinelModeHasTheSentinelMeters() {
		this.contextRunner
			.withPropertyValues("redis.sentinel.enabled=true", "redis.sentinels=127.0.0.1:1",
					"redis.failover.probe-timeout=100ms")
			.run((context) -> {
				assertThat(meterNames(context)).contains("redis.sentinel.reachable", "redis.sentinel.known",
						"redis.failover.master.switches");
				assertThat(modes(context)).containsOnly("sentinel");
			});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FailoverMeters.class));
	}

	private static void assertNoSentinelMeters(AssertableApplicationContext context, String mode) {
		assertThat(meterNames(context)).contains("redis.failover.master.switches", "redis.cluster.redirects")
			.doesNotContain("redis.sentinel.reachable", "redis.sentinel.known");
		assertThat(modes(context)).containsOnly(mode);
	}

	private static List<String> meterNames(AssertableApplicationContext context) {
		return bound(context).getMeters().stream().map((meter) -> meter.getId().getName()).toList();
	}

	private static List<String> modes(AssertableApplicationContext context) {
		return bound(context).getMeters()
			.stream()
			.map(Meter::getId)
			.map((id) -> id.getTag("mode"))
			.filter((mode) -> mode != null)
			.distinct()
			.toList();
	}

	private static MeterRegistry bound(AssertableApplicationContext context) {
		MeterRegistry registry = new SimpleMeterRegistry();
		context.getBean(FailoverMeters.class).bindTo(registry);
		return registry;
	}

}
