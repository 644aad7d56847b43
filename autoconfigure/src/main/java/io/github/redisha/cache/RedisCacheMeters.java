package io.github.redisha.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

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

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void retried(String cache, CacheOperation operation) {
		increment(RETRIES, "Cache operations attempted again after a transient failure", cache, operation);
	}

	@Override
	public void exhausted(String cache, CacheOperation operation) {
		increment(EXHAUSTED, "Cache operations that still failed transiently when their retry budget ran out", cache,
				operation);
	}

	@Override
	public void fellBack(String cache, CacheOperation operation) {
		increment(FALLBACKS, "Failed cache reads served as misses and failed cache writes skipped", cache,
				operation);
	}

	@Override
	public void failed(String cache, CacheOperation operation) {
		increment(FAILURES, "Failed cache evictions and clears passed on to the caller", cache, operation);
	}

	private void increment(String name, String description, String cache, CacheOperation operation) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Counter.builder(name)
				.description(description)
				.tag("cache", cache)
				.tag("operation", operation.tag())
				.register(registry)
				.increment();
		}
	}

}
