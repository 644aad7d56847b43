package io.github.redisha.failover;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.redisha.RedisHaConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the rules of {@link RedisFailoverProperties#validate()}.
 *
 * @author redis-ha
 */
class RedisFailoverPropertiesTests {

	@Test
	void defaultsAreValid() {
		assertThatNoException().isThrownBy(() -> new RedisFailoverProperties().validate());
	}

	@Test
	void reconnectDelaysMustBePositive() {
		assertRejected((p) -> p.setReconnectDelayMin(Duration.ZERO),
				"REDIS_FAILOVER_RECONNECT_DELAY_MIN (redis.failover.reconnect-delay-min) is 0ms but must be positive.");
		assertRejected((p) -> p.setReconnectDelayMax(Duration.ofMillis(-1)),
				"REDIS_FAILOVER_RECONNECT_DELAY_MAX (redis.failover.reconnect-delay-max) is -1ms but must be positive.");
	}

	@Test
	void checkIntervalAndProbeTimeoutMustBePositive() {
		assertRejected((p) -> p.setCheckInterval(Duration.ZERO),
				"REDIS_FAILOVER_CHECK_INTERVAL (redis.failover.check-interval) is 0ms but must be positive.");
		assertRejected((p) -> p.setProbeTimeout(Duration.ZERO),
				"REDIS_FAILOVER_PROBE_TIMEOUT (redis.failover.probe-timeout) is 0ms but must be positive.");
	}

	@Test
	void reconnectHoldMayBeZeroButNotNegative() {
		RedisFailoverProperties properties = new RedisFailoverProperties();
		properties.setReconnectHoldMax(Duration.ZERO);
		assertThatNoException().isThrownBy(properties::validate);
		assertRejected((p) -> p.setReconnectHoldMax(Duration.ofMillis(-1)),
				"REDIS_FAILOVER_RECONNECT_HOLD_MAX (redis.failover.reconnect-hold-max) is -1ms but must not be negative.");
	}

	@Test
	void safeWriteTimeoutCountsOnlyWhenSafeWritesAreOn() {
		RedisFailoverProperties off = new RedisFailoverProperties();
		off.getSafeWrite().setTimeout(Duration.ZERO);
		assertThatNoException().isThrownBy(off::validate);
		assertRejected((p) -> {
			p.getSafeWrite().setReplicas(1);
			p.getSafeWrite().setTimeout(Duration.ZERO);
		}, "REDIS_FAILOVER_SAFE_WRITE_TIMEOUT (redis.failover.safe-write.timeout) is 0ms but must be positive.");
	}

	private static void assertRejected(Consumer<RedisFailoverProperties> change, String message) {
		RedisFailoverProperties properties = new RedisFailoverProperties();
		change.accept(properties);
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(properties::validate)
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getAction()).startsWith("Set "));
	}

}
