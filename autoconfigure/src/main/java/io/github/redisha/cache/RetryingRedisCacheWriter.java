package io.github.redisha.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * A {@link RedisCacheWriter} that retries each operation of its delegate on transient
 * failures within the retry budget. Failures that remain are thrown to
 * {@code RedisCache}, and from there to the cache error handler, except in the
 * read-through path ({@code @Cacheable(sync = true)}): there a failed write after a
 * successful load is logged and counted here, so that the value loader never runs twice.
 * <p>
 * {@link #execute(Function)} is passed through without retries: its callback may do
 * anything. It joined {@code RedisCacheWriter} in Spring Data Redis 4.1 (Spring Boot
 * 4.1); reached by reflection, so that this class also compiles and runs on Spring Boot
 * 4.0.
 *
 * @author redis-ha
 */
final class RetryingRedisCacheWriter implements RedisCacheWriter {

	private static final @Nullable Method EXECUTE = ReflectionUtils.findMethod(RedisCacheWriter.class, "execute",
			Function.class);

	private final RedisCacheWriter delegate;

	private final CacheRetries retries;

	private final CacheFallbacks fallbacks;

	RetryingRedisCacheWriter(RedisCacheWriter delegate, CacheRetries retries, CacheFallbacks fallbacks) {
		this.delegate = delegate;
		this.retries = retries;
		this.fallbacks = fallbacks;
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key) {
		return this.retries.call(name, CacheOperation.GET, () -> this.delegate.get(name, key));
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key, @Nullable Duration ttl) {
		return this.retries.call(name, CacheOperation.GET, () -> this.delegate.get(name, key, ttl));
	}

	@Override
	public byte[] get(String name, byte[] key, Supplier<byte[]> valueLoader, @Nullable Duration ttl,
			boolean timeToIdleEnabled) {
		byte[] cached = timeToIdleEnabled ? get(name, key, ttl) : get(name, key);
		if (cached != null) {
			return cached;
		}
		byte[] value = valueLoader.get();
		try {
			put(name, key, value, ttl);
		}
		catch (RuntimeException ex) {
			if (!CacheFallbacks.isRedisFailure(ex)) {
				throw ex;
			}
			this.fallbacks.skippedWrite(name, CacheOperation.PUT, ex, null);
		}
		return value;
	}

	@Override
	public boolean supportsAsyncRetrieve() {
		return this.delegate.supportsAsyncRetrieve();
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		return this.retries.callAsync(name, CacheOperation.GET, () -> this.delegate.retrieve(name, key, ttl));
	}

	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		this.retries.call(name, CacheOperation.PUT, () -> {
			this.delegate.put(name, key, value, ttl);
			return null;
		});
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return this.retries.callAsync(name, CacheOperation.PUT, () -> this.delegate.store(name, key, value, ttl));
	}

	@Override
	public byte @Nullable [] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return this.retries.call(name, CacheOperation.PUT_IF_ABSENT,
				() -> this.delegate.putIfAbsent(name, key, value, ttl));
	}

	@Override
	public void evict(String name, byte[] key) {
		this.retries.call(name, CacheOperation.EVICT, () -> {
			this.delegate.evict(name, key);
			return null;
		});
	}

	@Override
	public boolean evictIfPresent(String name, byte[] key) {
		return this.retries.call(name, CacheOperation.EVICT, () -> this.delegate.evictIfPresent(name, key));
	}

	@Override
	public void clear(String name, byte[] pattern) {
		this.retries.call(name, CacheOperation.CLEAR, () -> {
			this.delegate.clear(name, pattern);
			return null;
		});
	}

	@Override
	public boolean invalidate(String name, byte[] pattern) {
		return this.retries.call(name, CacheOperation.CLEAR, () -> this.delegate.invalidate(name, pattern));
	}

	/**
	 * Runs the callback through the delegate's {@code execute}; overrides
	 * {@code RedisCacheWriter.execute} on Spring Data Redis 4.1 and later.
	 * @param callback what to run on a connection of the delegate
	 * @param <T> the callback's result type
	 * @return the callback's result
	 * @throws IllegalStateException on Spring Data Redis 4.0, which has no
	 * {@code RedisCacheWriter.execute}
	 */
	@SuppressWarnings("unchecked")
	public <T extends @Nullable Object> T execute(Function<RedisConnection, T> callback) {
		Assert.state(EXECUTE != null,
				"RedisCacheWriter.execute needs Spring Data Redis 4.1 (Spring Boot 4.1) or later");
		return (T) ReflectionUtils.invokeMethod(EXECUTE, this.delegate, callback);
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.delegate.getCacheStatistics(cacheName);
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector cacheStatisticsCollector) {
		return new RetryingRedisCacheWriter(this.delegate.withStatisticsCollector(cacheStatisticsCollector),
				this.retries, this.fallbacks);
	}

}
