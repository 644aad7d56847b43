package io.github.redisha.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;

/**
 * Counts cache retries, exhausted budgets, fallbacks and failures passed on to callers,
 * tagged by cache name and operation. Spring Boot binds it to the application's meter
 * registry once the context is refreshed; events before that are not counted.
 *
 * @author redis-ha
 */
final class RedisCacheMeters implements MeterBinder, CacheEvents {

	static final String RETRIES = "redis.cache.retries";

	static final String EXHAUSTED = "redis.cache.retries.exhausted";

	static final String FALLBACKS = "redis.cache.fallbacks";

	static final String FAILURES = "redis.cache.failures";

	private static final String RETRIES_DESCRIPTION = "Cache operations attempted again after a transient failure";

	private static final String EXHAUSTED_DESCRIPTION = "Cache operations that still failed transiently when their retry budget ran out";

	private static final String FALLBACKS_DESCRIPTION = "Failed cache reads served as misses and failed cache writes skipped";

	private static final String FAILURES_DESCRIPTION = "Failed cache evictions and clears passed on to the caller";

	private final ObjectProvider<CacheManager> cacheManagers;

	private volatile @Nullable MeterRegistry registry;

	RedisCacheMeters(ObjectProvider<CacheManager> cacheManagers) {
		this.cacheManagers = cacheManagers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		// register the known caches at zero, so dashboards and rate() see the series
		// before the first failure
		this.cacheManagers.orderedStream()
			.flatMap((cacheManager) -> cacheManager.getCacheNames().stream())
			.distinct()
			.forEach((cache) -> {
				for (CacheOperation operation : CacheOperation.values()) {
					counter(registry, RETRIES, RETRIES_DESCRIPTION, cache, operation);
					counter(registry, EXHAUSTED, EXHAUSTED_DESCRIPTION, cache, operation);
					counter(registry, FALLBACKS, FALLBACKS_DESCRIPTION, cache, operation);
					counter(registry, FAILURES, FAILURES_DESCRIPTION, cache, operation);
				}
			});
	}

	@Override
	public void retried(String cache, CacheOperation operation) {
		increment(RETRIES, RETRIES_DESCRIPTION, cache, operation);
	}

	@Override
	public void exhausted(String cache, CacheOperation operation) {
		increment(EXHAUSTED, EXHAUSTED_DESCRIPTION, cache, operation);
	}

	@Override
	public void fellBack(String cache, CacheOperation operation) {
		increment(FALLBACKS, FALLBACKS_DESCRIPTION, cache, operation);
	}

	@Override
	public void failed(String cache, CacheOperation operation) {
		increment(FAILURES, FAILURES_DESCRIPTION, cache, operation);
	}

	private void increment(String name, String description, String cache, CacheOperation operation) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			counter(registry, name, description, cache, operation).increment();
		}
	}

	private static Counter counter(MeterRegistry registry, String name, String description, String cache,
			CacheOperation operation) {
		return Counter.builder(name)
			.description(description)
			.tag("cache", cache)
			.tag("operation", operation.tag())
			.register(registry);
	}

}
