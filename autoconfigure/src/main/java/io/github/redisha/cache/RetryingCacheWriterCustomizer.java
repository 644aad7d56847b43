package io.github.redisha.cache;

import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.core.Ordered;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheManager.RedisCacheManagerBuilder;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Gives Spring Boot's {@code RedisCacheManager} a retrying cache writer. The delegate is
 * the writer Boot would use (non-locking, {@code KEYS} batch strategy) except that writes
 * are immediate: Spring Data Redis otherwise sends puts, evictions and clears
 * fire-and-forget on Lettuce and drops their failures, which could neither be retried nor
 * reported. Runs first, so that a customizer of the application that sets a writer of its
 * own still wins.
 *
 * @author redis-ha
 */
final class RetryingCacheWriterCustomizer implements RedisCacheManagerBuilderCustomizer, Ordered {

	private final RedisConnectionFactory connectionFactory;

	private final CacheRetries retries;

	private final CacheFallbacks fallbacks;

	RetryingCacheWriterCustomizer(RedisConnectionFactory connectionFactory, CacheRetries retries,
			CacheFallbacks fallbacks) {
		this.connectionFactory = connectionFactory;
		this.retries = retries;
		this.fallbacks = fallbacks;
	}

	@Override
	public void customize(RedisCacheManagerBuilder builder) {
		RedisCacheWriter writer = RedisCacheWriter.create(this.connectionFactory,
				(configurer) -> configurer.batchStrategy(BatchStrategies.keys()).immediateWrites());
		builder.cacheWriter(new RetryingRedisCacheWriter(writer, this.retries, this.fallbacks));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
