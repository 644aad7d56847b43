package io.github.redisha.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.testsupport.SystemEnvironment;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.CacheInterceptor;
import org.springframework.cache.interceptor.SimpleCacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.util.backoff.ExponentialBackOff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cache auto-configuration contributes, when it backs off and how its settings
 * bind. No Redis is needed: Lettuce connects lazily and caches are only created.
 */
class RedisHaCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false", "spring.cache.type=redis");

	@Test
	void redisCachesRetryAndFallBack() {
		this.contextRunner.withUserConfiguration(Library.LibraryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RedisRetryOperations.class).hasSingleBean(RedisCacheMeters.class);
			assertThat(writerOf(context, "books")).isInstanceOf(RetryingRedisCacheWriter.class);
			assertThat(errorHandlerOf(context)).isInstanceOf(RedisCacheFallbackErrorHandler.class);
		});
	}

	@Test
	void metersOfKnownCachesAreRegisteredAtZero() {
		this.contextRunner.withUserConfiguration(Library.LibraryConfiguration.class)
			.withPropertyValues("spring.cache.cache-names=books,authors")
			.run((context) -> {
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(RedisCacheMeters.class).bindTo(registry);
				for (String cache : List.of("books", "authors")) {
					assertThat(registry.get(RedisCacheMeters.FALLBACKS)
						.tags("cache", cache, "operation", "get")
						.functionCounter()
						.count()).isZero();
					assertThat(registry.get(RedisCacheMeters.RETRIES)
						.tags("cache", cache, "operation", "evict")
						.functionCounter()
						.count()).isZero();
				}
			});
	}

	@Test
	void cacheStatisticsStillWork() {
		this.contextRunner.withUserConfiguration(Library.LibraryConfiguration.class)
			.withPropertyValues("spring.cache.redis.enable-statistics=true")
			.run((context) -> {
				RedisCache cache = (RedisCache) context.getBean(RedisCacheManager.class).getCache("books");
				assertThat(cache.getNativeCache()).isInstanceOf(RetryingRedisCacheWriter.class);
				assertThat(cache.getStatistics().getCacheName()).isEqualTo("books");
			});
	}

	@Test
	void applicationsCachingConfigurerDecides() {
		this.contextRunner.withUserConfiguration(Library.LibraryConfiguration.class, OwnCachingConfigurer.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("redisHaCachingConfigurer");
				assertThat(errorHandlerOf(context)).isSameAs(OwnCachingConfigurer.HANDLER);
				assertThat(writerOf(context, "books")).as("retries stay").isInstanceOf(RetryingRedisCacheWriter.class);
			});
	}

	@Test
	void applicationsCacheErrorHandlerIsUsed() {
		this.contextRunner.withUserConfiguration(Library.LibraryConfiguration.class, OwnErrorHandler.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisCacheFallbackErrorHandler.class);
				assertThat(errorHandlerOf(context)).isSameAs(context.getBean(CacheErrorHandler.class));
			});
	}

	@Test
	void canBeSwitchedOffLeavingRetryOperations() {
		this.contextRunner.withUserConfiguration(Library.LibraryConfiguration.class)
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_CACHE_ENABLED", "false")))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisCacheManagerBuilderCustomizer.class)
					.doesNotHaveBean(CacheErrorHandler.class)
					.hasSingleBean(RedisRetryOperations.class);
				assertThat(writerOf(context, "books")).isNotInstanceOf(RetryingRedisCacheWriter.class);
				assertThat(errorHandlerOf(context)).isInstanceOf(SimpleCacheErrorHandler.class);
			});
	}

	@Test
	void withoutCachingOnlyRetryOperations() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RedisRetryOperations.class)
			.doesNotHaveBean(RedisCacheManagerBuilderCustomizer.class)
			.doesNotHaveBean(CacheErrorHandler.class)
			.doesNotHaveBean(CachingConfigurer.class));
	}

	@Test
	void worksWithoutMicrometer() {
		this.contextRunner.withUserConfiguration(CachingOnly.class)
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(RedisCacheMeters.class);
				assertThat(writerOf(context, "books")).isInstanceOf(RetryingRedisCacheWriter.class);
			});
	}

	@Test
	void worksWithoutSpringBootsCacheModule() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaCacheAutoConfiguration.class))
			.withPropertyValues("redis.startup-check.enabled=false")
			.withUserConfiguration(CachingOnly.class)
			.withBean(CacheManager.class, ConcurrentMapCacheManager::new)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.cache"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RedisRetryOperations.class)
				.hasSingleBean(RedisCacheFallbackErrorHandler.class)
				.doesNotHaveBean(RetryingCacheWriterCustomizer.class));
	}

	@Test
	void retrySettingsBindFromEnvironmentVariables() {
		this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_CACHE_RETRY_MAX_DURATION", "3s",
					"REDIS_CACHE_RETRY_INITIAL_DELAY", "20ms", "REDIS_CACHE_RETRY_MAX_DELAY", "400ms",
					"REDIS_CACHE_RETRY_MULTIPLIER", "1.5", "REDIS_CACHE_RETRY_JITTER", "0")))
			.run((context) -> {
				RedisRetryOperations retry = context.getBean(RedisRetryOperations.class);
				assertThat(retry.getRetryPolicy().getTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(retry.getRetryPolicy().getBackOff()).isInstanceOfSatisfying(ExponentialBackOff.class,
						(backOff) -> {
							assertThat(backOff.getInitialInterval()).isEqualTo(20);
							assertThat(backOff.getMaxInterval()).isEqualTo(400);
							assertThat(backOff.getMultiplier()).isEqualTo(1.5);
							assertThat(backOff.getJitter()).isZero();
						});
			});
	}

	@Test
	void defaultsCoverATypicalFailover() {
		this.contextRunner.run((context) -> {
			RedisRetryOperations retry = context.getBean(RedisRetryOperations.class);
			assertThat(retry.getRetryPolicy().getTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(retry.getRetryPolicy().getBackOff()).isInstanceOfSatisfying(ExponentialBackOff.class,
					(backOff) -> {
						assertThat(backOff.getInitialInterval()).isEqualTo(100);
						assertThat(backOff.getMaxInterval()).isEqualTo(1000);
						assertThat(backOff.getMultiplier()).isEqualTo(2.0);
						assertThat(backOff.getJitter()).isEqualTo(50);
					});
		});
	}

	@Test
	void invalidSettingStopsStartupSayingWhatToDo() {
		this.contextRunner.withInitializer(SystemEnvironment.of(Map.of("REDIS_CACHE_RETRY_MAX_DURATION", "0s")))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(RedisHaConfigurationException.class)
					.hasMessage("REDIS_CACHE_RETRY_MAX_DURATION (redis.cache.retry.max-duration) is 0ms but must be "
							+ "positive.");
			});
		this.contextRunner.withPropertyValues("redis.cache.retry.multiplier=0.5")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("REDIS_CACHE_RETRY_MULTIPLIER (redis.cache.retry.multiplier) is 0.5"));
	}

	private static Object writerOf(AssertableApplicationContext context, String cacheName) {
		Cache cache = context.getBean(RedisCacheManager.class).getCache(cacheName);
		return ((RedisCache) cache).getNativeCache();
	}

	private static CacheErrorHandler errorHandlerOf(AssertableApplicationContext context) {
		return context.getBean(CacheInterceptor.class).getErrorHandler();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingOnly {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCachingConfigurer implements CachingConfigurer {

		static final CacheErrorHandler HANDLER = new SimpleCacheErrorHandler();

		@Override
		public CacheErrorHandler errorHandler() {
			return HANDLER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnErrorHandler {

		@Bean
		CacheErrorHandler ownCacheErrorHandler() {
			return new SimpleCacheErrorHandler();
		}

	}

}
