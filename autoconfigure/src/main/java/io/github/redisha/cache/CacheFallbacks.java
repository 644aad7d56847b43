package io.github.redisha.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.redisha.internal.RedisFailures;
import io.lettuce.core.RedisException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * What happens when a cache operation finally failed: reads become misses and writes are
 * skipped (logged and counted), evictions become a {@link RedisCacheEvictException} for
 * the caller. One place for these rules, used by the error handler and by the cache
 * writer's read-through path. Log lines name the cache, the operation and the failure,
 * never the key or the value; during an outage each cache and operation logs at most one
 * warning per quiet period and counts the rest.
 *
 * @author redis-ha
 */
final class CacheFallbacks {

	private static final Log logger = LogFactory.getLog(CacheFallbacks.class);

	private static final long QUIET_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final CacheEvents events;

	private final ConcurrentMap<String, Report> reports = new ConcurrentHashMap<>();

	CacheFallbacks(CacheEvents events) {
		this.events = events;
	}

	/**
	 * Whether the failure comes from Redis or from (de)serializing a cached value, as
	 * opposed to a programming error that must reach the caller.
	 * @param failure the failure
	 * @return whether redis-ha's fallback rules apply
	 */
	static boolean isRedisFailure(Throwable failure) {
		return failure instanceof DataAccessException || failure instanceof SerializationException
				|| failure instanceof RedisException;
	}

	void servedMiss(String cache, RuntimeException failure, @Nullable Object key) {
		this.events.fellBack(cache, CacheOperation.GET);
		warn(cache, CacheOperation.GET, "serving a cache miss", failure, key);
	}

	void skippedWrite(String cache, CacheOperation operation, RuntimeException failure, @Nullable Object key) {
		this.events.fellBack(cache, operation);
		warn(cache, operation, "the value was not cached", failure, key);
	}

	RedisCacheEvictException evictionFailed(String cache, CacheOperation operation, RuntimeException failure,
			@Nullable Object key) {
		this.events.failed(cache, operation);
		warn(cache, operation, "the caller gets a RedisCacheEvictException; cached data may be stale", failure, key);
		return new RedisCacheEvictException(cache, operation.tag(), key, failure);
	}

	private void warn(String cache, CacheOperation operation, String consequence, RuntimeException failure,
			@Nullable Object key) {
		if (logger.isDebugEnabled()) {
			logger.debug("redis-ha: cache '" + cache + "' " + operation.tag() + " failed for key " + key, failure);
		}
		Report report = this.reports.computeIfAbsent(cache + " " + operation.tag(), (name) -> new Report());
		long suppressed = report.suppressedOrReset();
		if (suppressed >= 0) {
			String kind = RedisFailures.isTransient(failure) ? "" : " (not transient, not retried)";
			logger.warn("redis-ha: cache '" + cache + "' " + operation.tag() + " failed" + kind + ", " + consequence
					+ ": " + RedisFailures.describe(failure)
					+ ((suppressed > 0) ? " [" + suppressed + " more such failures in the last 10s]" : ""));
		}
	}

	/**
	 * Rate limit of one cache and operation's warnings.
	 */
	private static final class Report {

		private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - QUIET_PERIOD_NANOS);

		private final AtomicLong suppressed = new AtomicLong();

		/**
		 * Counts this failure when the last warning is recent, else starts a new quiet
		 * period.
		 * @return -1 to stay quiet, else how many failures went unlogged since the last
		 * warning
		 */
		long suppressedOrReset() {
			long now = System.nanoTime();
			long last = this.lastLogged.get();
			if (now - last >= QUIET_PERIOD_NANOS && this.lastLogged.compareAndSet(last, now)) {
				return this.suppressed.getAndSet(0);
			}
			this.suppressed.incrementAndGet();
			return -1;
		}

	}

}
