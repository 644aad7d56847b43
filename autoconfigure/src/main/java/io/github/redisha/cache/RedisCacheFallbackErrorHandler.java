package io.github.redisha.cache;

import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;

/**
 * The cache error handler redis-ha installs: a read that failed (after retries, or at
 * once for a non-transient failure) becomes a cache miss so the method runs and the
 * caller gets its answer; a failed write is logged and counted; a failed evict or clear
 * is thrown to the caller as a {@link RedisCacheEvictException}, because staying silent
 * would leave stale data in the cache. Failures that do not come from Redis (programming
 * errors such as a {@code null} value in a cache that refuses them) are rethrown as they
 * are, like Spring's default handler does.
 *
 * @author redis-ha
 */
final class RedisCacheFallbackErrorHandler implements CacheErrorHandler {

	private final CacheFallbacks fallbacks;

	RedisCacheFallbackErrorHandler(CacheFallbacks fallbacks) {
		this.fallbacks = fallbacks;
	}

	@Override
	public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
		this.fallbacks.servedMiss(cache.getName(), redisFailure(exception), key);
	}

	@Override
	public void handleCachePutError(RuntimeException exception, Cache cache, Object key, @Nullable Object value) {
		this.fallbacks.skippedWrite(cache.getName(), CacheOperation.PUT, redisFailure(exception), key);
	}

	@Override
	public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
		throw this.fallbacks.evictionFailed(cache.getName(), CacheOperation.EVICT, redisFailure(exception), key);
	}

	@Override
	public void handleCacheClearError(RuntimeException exception, Cache cache) {
		throw this.fallbacks.evictionFailed(cache.getName(), CacheOperation.CLEAR, redisFailure(exception), null);
	}

	/**
	 * The Redis failure behind the exception, unwrapped from the
	 * {@link CompletionException} asynchronous cache reads fail with.
	 * @param exception the exception the cache reported
	 * @return the Redis failure
	 * @throws RuntimeException the exception itself if it is not a Redis failure
	 */
	private static RuntimeException redisFailure(RuntimeException exception) {
		RuntimeException failure = exception;
		while (failure instanceof CompletionException && failure.getCause() instanceof RuntimeException cause) {
			failure = cause;
		}
		if (!CacheFallbacks.isRedisFailure(failure)) {
			throw exception;
		}
		return failure;
	}

}
