package io.github.redisha.cache;

import java.time.Duration;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cache settings for redis-ha, bound from {@code redis.cache.*} properties or the
 * equivalent {@code REDIS_CACHE_*} environment variables
 * ({@code REDIS_CACHE_RETRY_MAX_DURATION} binds to
 * {@code redis.cache.retry.max-duration}), and checked once bound.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@ConfigurationProperties("redis.cache")
public class RedisHaCacheProperties implements InitializingBean {

	static final Setting RETRY_MAX_DURATION = Setting.of("redis.cache.retry.max-duration");

	static final Setting RETRY_MAX_DELAY = Setting.of("redis.cache.retry.max-delay");

	static final Setting RETRY_INITIAL_DELAY = Setting.of("redis.cache.retry.initial-delay");

	static final Setting RETRY_JITTER = Setting.of("redis.cache.retry.jitter");

	static final Setting RETRY_MULTIPLIER = Setting.of("redis.cache.retry.multiplier");

	/**
	 * Whether Spring cache operations on Redis are retried through a failover, with
	 * failed reads served as cache misses, failed writes skipped and failed evictions
	 * reported to the caller.
	 */
	private boolean enabled = true;

	private final Retry retry = new Retry();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Retry getRetry() {
		return this.retry;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Check the retry settings' ranges.
	 * @throws RedisHaConfigurationException naming the first invalid setting
	 */
	public void validate() {
		RETRY_MAX_DURATION.requirePositive(this.retry.getMaxDuration(),
				retryAdvice("how long one cache operation may keep retrying, e.g. 10s"));
		RETRY_MAX_DELAY.requirePositive(this.retry.getMaxDelay(),
				retryAdvice("the longest pause between two attempts, e.g. 1s"));
		RETRY_INITIAL_DELAY.requireNotNegative(this.retry.getInitialDelay(), "Set it to e.g. 100ms.");
		RETRY_JITTER.requireNotNegative(this.retry.getJitter(), "Set it to e.g. 50ms, or 0 for none.");
		if (!(this.retry.getMultiplier() >= 1)) {
			throw RETRY_MULTIPLIER.reject(this.retry.getMultiplier(), "must be 1 or more",
					"Set " + RETRY_MULTIPLIER.variable()
							+ " to 1 for a fixed delay or, e.g., 2 to double it after each retry.");
		}
	}

	private static String retryAdvice(String example) {
		return "Set it to " + example + ", or set REDIS_CACHE_ENABLED=false to turn cache retries off.";
	}

	/**
	 * Retries of transient failures (lost connection, command timeout, READONLY, LOADING,
	 * MASTERDOWN, NOREPLICAS), for cache operations and RedisRetryOperations.
	 */
	public static class Retry {

		/**
		 * Time budget of one cache operation, retries included. No attempt starts after
		 * it; one under way may still take up to the command timeout
		 * (spring.data.redis.timeout). The default covers a typical Sentinel failover
		 * (down detection, election, reconnection).
		 */
		private Duration maxDuration = Duration.ofSeconds(10);

		/**
		 * Delay before the first retry.
		 */
		private Duration initialDelay = Duration.ofMillis(100);

		/**
		 * Factor by which the delay grows after each retry, 1 or more; 1 keeps it fixed.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(1);

		/**
		 * Random variation of the first delay, scaled up with the later delays, so that
		 * many clients do not retry in lockstep; 0 for none.
		 */
		private Duration jitter = Duration.ofMillis(50);

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

	}

}
