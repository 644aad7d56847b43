package io.github.redisha.cache;

import io.github.redisha.cache.RedisHaCacheProperties.Retry;
import io.github.redisha.internal.RedisFailures;

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
	 * Build the policy from settings checked by
	 * {@link RedisHaCacheProperties#validate()}.
	 * @param retry the settings
	 * @return the policy
	 */
	static RetryPolicy of(Retry retry) {
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

}
