package io.github.redisha.cache;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.cache.RedisHaCacheProperties.Retry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the rules of {@link RedisHaCacheProperties#validate()}.
 *
 * @author redis-ha
 */
class RedisHaCachePropertiesTests {

	@Test
	void defaultsAreValid() {
		assertThatNoException().isThrownBy(() -> new RedisHaCacheProperties().validate());
	}

	@Test
	void timeBudgetAndDelayCapMustBePositive() {
		assertRejected((r) -> r.setMaxDuration(Duration.ZERO),
				"REDIS_CACHE_RETRY_MAX_DURATION (redis.cache.retry.max-duration) is 0ms but must be positive.",
				"Set it to how long one cache operation may keep retrying, e.g. 10s, or set REDIS_CACHE_ENABLED=false "
						+ "to turn cache retries off.");
		assertRejected((r) -> r.setMaxDelay(Duration.ofMillis(-1)),
				"REDIS_CACHE_RETRY_MAX_DELAY (redis.cache.retry.max-delay) is -1ms but must be positive.",
				"Set it to the longest pause between two attempts, e.g. 1s, or set REDIS_CACHE_ENABLED=false "
						+ "to turn cache retries off.");
	}

	@Test
	void initialDelayAndJitterMayBeZeroButNotNegative() {
		RedisHaCacheProperties properties = new RedisHaCacheProperties();
		properties.getRetry().setInitialDelay(Duration.ZERO);
		properties.getRetry().setJitter(Duration.ZERO);
		assertThatNoException().isThrownBy(properties::validate);
		assertRejected((r) -> r.setInitialDelay(Duration.ofMillis(-1)),
				"REDIS_CACHE_RETRY_INITIAL_DELAY (redis.cache.retry.initial-delay) is -1ms but must not be negative.",
				"Set it to e.g. 100ms.");
		assertRejected((r) -> r.setJitter(Duration.ofMillis(-1)),
				"REDIS_CACHE_RETRY_JITTER (redis.cache.retry.jitter) is -1ms but must not be negative.",
				"Set it to e.g. 50ms, or 0 for none.");
	}

	@Test
	void multiplierMustBeOneOrMore() {
		assertRejected((r) -> r.setMultiplier(0.5),
				"REDIS_CACHE_RETRY_MULTIPLIER (redis.cache.retry.multiplier) is 0.5 but must be 1 or more.",
				"Set REDIS_CACHE_RETRY_MULTIPLIER to 1 for a fixed delay or, e.g., 2 to double it after each retry.");
		assertRejected((r) -> r.setMultiplier(Double.NaN),
				"REDIS_CACHE_RETRY_MULTIPLIER (redis.cache.retry.multiplier) is NaN but must be 1 or more.",
				"Set REDIS_CACHE_RETRY_MULTIPLIER to 1 for a fixed delay or, e.g., 2 to double it after each retry.");
	}

	private static void assertRejected(Consumer<Retry> change, String message, String action) {
		RedisHaCacheProperties properties = new RedisHaCacheProperties();
		change.accept(properties.getRetry());
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(properties::validate)
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo(action));
	}

}
