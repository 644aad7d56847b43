package io.github.redisha.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cache settings for redis-ha, bound from {@code redis.cache.*} properties or the
 * equivalent {@code REDIS_CACHE_*} environment variables
 * ({@code REDIS_CACHE_RETRY_MAX_DURATION} binds to
 * {@code redis.cache.retry.max-duration}).
 *
 * @author redis-ha
 */
@ConfigurationProperties("redis.cache")
public class RedisHaCacheProperties {

	/**
	 * Whether Spring cache operations on Redis are retried through a failover, failed
	 * reads served as cache misses and failed evictions reported to the caller.
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

	/**
	 * Retries of transient failures (lost connection, command timeout, READONLY, LOADING,
	 * MASTERDOWN, NOREPLICAS), for cache operations and RedisRetryOperations.
	 */
	public static class Retry {

		/**
		 * Time budget of one operation, retries included. No attempt starts after it; an
		 * attempt under way may still take up to the command timeout
		 * (spring.data.redis.timeout). Sized to cover a typical Sentinel failover (down
		 * detection, election, reconnection).
		 */
		private Duration maxDuration = Duration.ofSeconds(10);

		/**
		 * Delay before the first retry.
		 */
		private Duration initialDelay = Duration.ofMillis(100);

		/**
		 * Factor by which the delay grows after each retry; 1 keeps it fixed.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(1);

		/**
		 * Random variation of the first delay, scaled up with the later delays, so that
		 * many clients do not retry in lockstep. 0 disables it.
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
