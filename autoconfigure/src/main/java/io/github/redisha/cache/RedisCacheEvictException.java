package io.github.redisha.cache;

import io.github.redisha.internal.RedisFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Thrown to the caller of a {@code @CacheEvict} method (or of {@code Cache.evict} /
 * {@code Cache.clear}) when Redis could not remove the entries within the retry budget,
 * or refused to for a non-transient reason. The cache may still hold the old value until
 * its time to live expires or a later eviction succeeds: catch this to retry the eviction
 * or to compensate. With the default {@code @CacheEvict} the annotated method has already
 * run; with {@code beforeInvocation = true} it has not.
 * <p>
 * The message names the cache and the failure, never the key; the key is available from
 * {@link #getKey()}.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public class RedisCacheEvictException extends DataAccessResourceFailureException {

	private final String cacheName;

	private final String operation;

	private final transient @Nullable Object key;

	/**
	 * Create a new instance.
	 * @param cacheName the cache
	 * @param operation {@code evict} or {@code clear}
	 * @param key the key of an evict, {@code null} for a clear
	 * @param cause the last failure
	 */
	public RedisCacheEvictException(String cacheName, String operation, @Nullable Object key, Throwable cause) {
		super("Cache '" + cacheName + "' could not " + operation + ((key != null) ? " an entry" : " its entries") + ": "
				+ RedisFailures.describe(cause) + ". Cached data may be stale until it expires or is "
				+ "evicted again.", cause);
		this.cacheName = cacheName;
		this.operation = operation;
		this.key = key;
	}

	/**
	 * The name of the cache.
	 * @return the cache name
	 */
	public String getCacheName() {
		return this.cacheName;
	}

	/**
	 * The operation that failed.
	 * @return {@code evict} or {@code clear}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * The key that could not be evicted.
	 * @return the key, or {@code null} for a failed clear
	 */
	public @Nullable Object getKey() {
		return this.key;
	}

}
