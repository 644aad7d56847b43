package io.github.redisha.cache;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Makes Spring's cache abstraction on Redis survive a failover: Boot's
 * {@code RedisCacheManager} gets a cache writer that retries transient failures within
 * {@code redis.cache.retry.max-duration}, and a {@link CacheErrorHandler} turns what
 * still fails into a cache miss (reads), a logged and counted skip (writes) or a
 * {@link RedisCacheEvictException} (evictions). Also contributes
 * {@link RedisRetryOperations}, the same retry policy for {@code RedisTemplate} code.
 * <p>
 * Backs off from the error handler when the application defines a
 * {@link CachingConfigurer} (its {@code errorHandler()} decides) and uses the
 * application's own {@link CacheErrorHandler} bean if it defines one. Set
 * {@code redis.cache.enabled=false} to leave caching as Spring Boot configures it.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(RedisHaCacheProperties.class)
public final class RedisHaCacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisRetryOperations redisRetryOperations(RedisHaCacheProperties properties) {
		return new RedisRetryOperations(RedisRetryPolicy.of(properties.getRetry()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(CacheAspectSupport.class)
	@ConditionalOnBooleanProperty(name = "redis.cache.enabled", matchIfMissing = true)
	static class CachingConfiguration {

		@Bean
		@ConditionalOnMissingBean(CacheErrorHandler.class)
		RedisCacheFallbackErrorHandler redisCacheErrorHandler(ObjectProvider<CacheEvents> events) {
			return new RedisCacheFallbackErrorHandler(
					new CacheFallbacks(events.getIfAvailable(() -> CacheEvents.NONE)));
		}

		@Bean
		@ConditionalOnMissingBean(CachingConfigurer.class)
		CachingConfigurer redisHaCachingConfigurer(ObjectProvider<CacheErrorHandler> errorHandler) {
			return new CachingConfigurer() {

				@Override
				public CacheErrorHandler errorHandler() {
					return errorHandler.getIfUnique();
				}

			};
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(RedisCacheManagerBuilderCustomizer.class)
		static class CacheWriterConfiguration {

			@Bean
			RetryingCacheWriterCustomizer redisHaRetryingCacheWriterCustomizer(RedisConnectionFactory connectionFactory,
					RedisHaCacheProperties properties, ObjectProvider<CacheEvents> events) {
				CacheEvents cacheEvents = events.getIfAvailable(() -> CacheEvents.NONE);
				return new RetryingCacheWriterCustomizer(connectionFactory,
						new CacheRetries(RedisRetryPolicy.of(properties.getRetry()), cacheEvents),
						new CacheFallbacks(cacheEvents));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class CacheMetricsConfiguration {

			@Bean
			RedisCacheMeters redisCacheMeters(ObjectProvider<CacheManager> cacheManagers) {
				return new RedisCacheMeters(cacheManagers);
			}

		}

	}

}
