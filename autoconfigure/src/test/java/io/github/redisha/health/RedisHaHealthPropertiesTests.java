package io.github.redisha.health;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.redisha.RedisHaConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the rules of {@link RedisHaHealthProperties#validate()}.
 *
 * @author redis-ha
 */
class RedisHaHealthPropertiesTests {

	@Test
	void defaultsAreValid() {
		assertThatNoException().isThrownBy(() -> new RedisHaHealthProperties().validate());
	}

	@Test
	void timeoutMustBePositive() {
		assertRejected((p) -> p.setTimeout(Duration.ZERO),
				"REDIS_HEALTH_TIMEOUT (redis.health.timeout) is 0ms but must be positive.");
	}

	@Test
	void cacheTimeToLiveMayBeZeroButNotNegative() {
		RedisHaHealthProperties properties = new RedisHaHealthProperties();
		properties.setCacheTimeToLive(Duration.ZERO);
		assertThatNoException().isThrownBy(properties::validate);
		assertRejected((p) -> p.setCacheTimeToLive(Duration.ofSeconds(-1)),
				"REDIS_HEALTH_CACHE_TIME_TO_LIVE (redis.health.cache-time-to-live) is -1000ms but must not be negative.");
	}

	@Test
	void degradedStatusMustNameAStatus() {
		assertRejected((p) -> p.setDegradedStatus(" "),
				"REDIS_HEALTH_DEGRADED_STATUS (redis.health.degraded-status) is ' ' but must name a status.");
	}

	@Test
	void maxReplicaLagMustNotBeNegative() {
		assertRejected((p) -> p.setMaxReplicaLag(Duration.ofMillis(-1)),
				"REDIS_HEALTH_MAX_REPLICA_LAG (redis.health.max-replica-lag) is -1ms but must not be negative.");
	}

	private static void assertRejected(Consumer<RedisHaHealthProperties> change, String message) {
		RedisHaHealthProperties properties = new RedisHaHealthProperties();
		change.accept(properties);
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(properties::validate)
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getAction()).startsWith("Set REDIS_HEALTH_"));
	}

}
