package io.github.redisha.failover;

import java.time.Duration;
import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.internal.JitteredReconnectDelay;
import io.github.redisha.internal.RedisMode;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.testsupport.SystemEnvironment;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@link RedisHaFailoverAutoConfiguration} contributes in each mode. No Redis is
 * needed: the sentinels are closed loopback ports, and Lettuce connects lazily.
 */
class RedisHaFailoverAutoConfigurationTests {

	private static final Map<String, String> SENTINEL = Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS",
			"127.0.0.1:1,127.0.0.1:2", "REDIS_STARTUP_CHECK_ENABLED", "false", "REDIS_FAILOVER_PROBE_TIMEOUT", "100ms");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void standaloneGetsReconnectAndSocketSettingsButNoSentinelListener() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ClientChannels.class)
				.doesNotHaveBean(FailoverHistory.class)
				.hasSingleBean(MeterBinder.class);
			assertThat(context.getBean(ClientResources.class).reconnectDelay())
				.isInstanceOf(JitteredReconnectDelay.class);
			SocketOptions socket = clientOptions(context.getBean(LettuceConnectionFactory.class)).getSocketOptions();
			assertThat(socket.isKeepAlive()).isTrue();
			// the idle/interval/count settings need extended keep-alive, which JDK 11+
			// has on Linux
			assertThat(ExtendedKeepAlive.isSupported()).as("extended keep-alive on this JVM").isTrue();
			assertThat(socket.getKeepAlive().getIdle()).isEqualTo(Duration.ofSeconds(15));
			assertThat(socket.getKeepAlive().getInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(socket.getKeepAlive().getCount()).isEqualTo(3);
		});
	}

	@Test
	void clusterModeGetsSocketSettingsButNoSentinelListener() {
		this.contextRunner
			.withInitializer(SystemEnvironment
				.of(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", "127.0.0.1:1,127.0.0.1:2")))
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientChannels.class).doesNotHaveBean(FailoverHistory.class);
				assertThat(context.getBean(ClientChannels.class).mode()).isNotEqualTo(RedisMode.SENTINEL);
				assertThat(
						clientOptions(context.getBean(LettuceConnectionFactory.class)).getSocketOptions().isKeepAlive())
					.isTrue();
			});
	}

	@Test
	void keepsTheConnectTimeoutSpringBootSet() {
		this.contextRunner.withPropertyValues("spring.data.redis.connect-timeout=3s").run((context) -> {
			SocketOptions socket = clientOptions(context.getBean(LettuceConnectionFactory.class)).getSocketOptions();
			assertThat(socket.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(socket.isKeepAlive()).isTrue();
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner
			.withInitializer(SystemEnvironment.of(SystemEnvironment.with(SENTINEL, "REDIS_FAILOVER_ENABLED", "false")))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(ClientChannels.class)
					.doesNotHaveBean(FailoverHistory.class)
					.doesNotHaveBean(MeterBinder.class);
				assertThat(context.getBean(ClientResources.class).reconnectDelay())
					.isNotInstanceOf(JitteredReconnectDelay.class);
			});
	}

	@Test
	void bindsSettingsFromTheEnvironment() {
		this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_FAILOVER_RECONNECT_DELAY_MAX", "250ms",
					"REDIS_FAILOVER_RECONNECT_DELAY_MIN", "5ms", "REDIS_FAILOVER_RECONNECT_HOLD_MAX", "2s",
					"REDIS_FAILOVER_CHECK_INTERVAL", "3s", "REDIS_FAILOVER_TCP_KEEP_ALIVE", "30s",
					"REDIS_FAILOVER_TCP_USER_TIMEOUT", "0", "REDIS_FAILOVER_READ_ONLY_RETRY", "false",
					"REDIS_FAILOVER_SAFE_WRITE_REPLICAS", "1", "REDIS_FAILOVER_SAFE_WRITE_TIMEOUT", "250ms")))
			.run((context) -> {
				RedisFailoverProperties properties = context.getBean(RedisFailoverProperties.class);
				assertThat(properties.getReconnectDelayMax()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.getReconnectDelayMin()).isEqualTo(Duration.ofMillis(5));
				assertThat(properties.getReconnectHoldMax()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getCheckInterval()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getTcpKeepAlive()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getTcpUserTimeout()).isZero();
				assertThat(properties.isReadOnlyRetry()).isFalse();
				assertThat(properties.getSafeWrite().getReplicas()).isEqualTo(1);
				assertThat(properties.getSafeWrite().getTimeout()).isEqualTo(Duration.ofMillis(250));
				JitteredReconnectDelay delay = (JitteredReconnectDelay) context.getBean(ClientResources.class)
					.reconnectDelay();
				assertThat(delay.delayMillis(20, 0.99)).isLessThanOrEqualTo(250);
			});
	}

	@Test
	void rejectsAReconnectCapBelowTheMinimumWithAClearMessage() {
		this.contextRunner
			.withInitializer(SystemEnvironment
				.of(Map.of("REDIS_FAILOVER_RECONNECT_DELAY_MAX", "5ms", "REDIS_FAILOVER_RECONNECT_DELAY_MIN", "50ms")))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(RedisHaConfigurationException.class)
				.hasMessage(
						"REDIS_FAILOVER_RECONNECT_DELAY_MAX (redis.failover.reconnect-delay-max) is 5ms but must be at "
								+ "least REDIS_FAILOVER_RECONNECT_DELAY_MIN (redis.failover.reconnect-delay-min), which is 50ms."));
	}

	@Test
	void rejectsANegativeSafeWriteReplicaCount() {
		this.contextRunner.withInitializer(SystemEnvironment.of(Map.of("REDIS_FAILOVER_SAFE_WRITE_REPLICAS", "-1")))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(RedisHaConfigurationException.class)
				.hasMessage("REDIS_FAILOVER_SAFE_WRITE_REPLICAS (redis.failover.safe-write.replicas) is -1 but must be "
						+ "0 or more."));
	}

	@Test
	void metersAreRegisteredWithoutAddressesInTags() {
		this.contextRunner.withInitializer(SystemEnvironment.of(SENTINEL)).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MeterBinder.class).bindTo(registry);
			assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
				.contains("redis.failover.master.switches", "redis.failover.duration", "redis.client.recovery",
						"redis.sentinel.reachable", "redis.sentinel.known", "redis.connection.reconnects",
						"redis.failover.readonly.retries", "redis.failover.safe-write.unconfirmed");
			// the monitor counts its sentinels on its own thread once it has started
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.get("redis.sentinel.known").gauge().value()).isEqualTo(2));
			assertThat(registry.get("redis.sentinel.reachable").gauge().value()).isZero();
			registry.getMeters()
				.forEach((meter) -> meter.getId()
					.getTags()
					.forEach((tag) -> assertThat(tag.getValue()).doesNotContain("127.0.0.1")));
		});
	}

	private static ClientOptions clientOptions(LettuceConnectionFactory factory) {
		return factory.getClientConfiguration().getClientOptions().orElseThrow();
	}

}
