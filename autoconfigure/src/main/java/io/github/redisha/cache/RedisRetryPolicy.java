package io.github.redisha.cache;

import java.time.Duration;

import io.github.redisha.cache.RedisHaCacheProperties.Retry;
import io.github.redisha.connection.RedisFailures;
import io.github.redisha.connection.RedisHaConfigurationException;

import org.springframework.core.retry.RetryPolicy;

/**
 * Builds the one retry policy shared by the cache writer and {@link RedisRetryOperations}
 * from {@code redis.cache.retry.*}: transient failures only, exponential jittered
 * backoff, bounded by a total time budget.
 *
 * @author redis-ha
 */
final class RedisRetryPolicy {

	private RedisRetryPolicy() {
	}

	/**
	 * Validate the settings and build the policy.
	 * @param retry the settings
	 * @return the policy
	 * @throws RedisHaConfigurationException if a setting is out of range
	 */
	static RetryPolicy of(Retry retry) {
		requirePositive(retry.getMaxDuration(), "REDIS_CACHE_RETRY_MAX_DURATION (redis.cache.retry.max-duration)",
				"how long one cache operation may keep retrying, e.g. 10s");
		requirePositive(retry.getMaxDelay(), "REDIS_CACHE_RETRY_MAX_DELAY (redis.cache.retry.max-delay)",
				"the longest pause between two attempts, e.g. 1s");
		requireNotNegative(retry.getInitialDelay(), "REDIS_CACHE_RETRY_INITIAL_DELAY (redis.cache.retry.initial-delay)",
				"e.g. 100ms");
		requireNotNegative(retry.getJitter(), "REDIS_CACHE_RETRY_JITTER (redis.cache.retry.jitter)",
				"e.g. 50ms, or 0 for none");
		if (!(retry.getMultiplier() >= 1)) {
			throw new RedisHaConfigurationException(
					"REDIS_CACHE_RETRY_MULTIPLIER (redis.cache.retry.multiplier) is " + retry.getMultiplier()
							+ " but must be 1 or more.",
					"Set REDIS_CACHE_RETRY_MULTIPLIER to 1 for a fixed delay or, e.g., 2 to double it after each retry.");
		}
		return RetryPolicy.builder()
			.predicate(RedisFailures::isTransient)
			// the time budget, not a count, ends the retries
			.maxRetries(Long.MAX_VALUE)
			.delay(retry.getInitialDelay())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxDelay())
			.jitter(retry.getJitter())
			.timeout(retry.getMaxDuration())
			.build();
	}

	private static void requirePositive(Duration value, String setting, String example) {
		if (value.isNegative() || value.isZero()) {
			throw new RedisHaConfigurationException(setting + " is " + value.toMillis() + "ms but must be positive.",
					"Set it to " + example + ", or set REDIS_CACHE_ENABLED=false to turn cache retries off.");
		}
	}

	private static void requireNotNegative(Duration value, String setting, String example) {
		if (value.isNegative()) {
			throw new RedisHaConfigurationException(
					setting + " is " + value.toMillis() + "ms but must not be negative.", "Set it to " + example + ".");
		}
	}

}
