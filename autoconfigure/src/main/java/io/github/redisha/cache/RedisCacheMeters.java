package io.github.redisha.cache;

import java.util.concurrent.atomic.LongAdder;

import io.github.redisha.internal.BoundMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;

/**
 * Counts cache retries, exhausted budgets, fallbacks and failures passed on to callers,
 * tagged by cache name and operation, bound the one way every redis-ha {@code *Meters}
 * binds ({@link BoundMeters}): counts are kept here, so events before Spring Boot binds
 * the registries count too.
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

	private final BoundMeters meters = new BoundMeters();

	private final ObjectProvider<CacheManager> cacheManagers;

	RedisCacheMeters(ObjectProvider<CacheManager> cacheManagers) {
		this.cacheManagers = cacheManagers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.meters.bindTo(registry);
		// the known caches at zero, so dashboards and rate() see the series before the
		// first failure
		this.cacheManagers.orderedStream()
			.flatMap((cacheManager) -> cacheManager.getCacheNames().stream())
			.distinct()
			.forEach((cache) -> {
				for (CacheOperation operation : CacheOperation.values()) {
					counter(RETRIES, RETRIES_DESCRIPTION, cache, operation);
					counter(EXHAUSTED, EXHAUSTED_DESCRIPTION, cache, operation);
					counter(FALLBACKS, FALLBACKS_DESCRIPTION, cache, operation);
					counter(FAILURES, FAILURES_DESCRIPTION, cache, operation);
				}
			});
	}

	@Override
	public void retried(String cache, CacheOperation operation) {
		counter(RETRIES, RETRIES_DESCRIPTION, cache, operation).increment();
	}

	@Override
	public void exhausted(String cache, CacheOperation operation) {
		counter(EXHAUSTED, EXHAUSTED_DESCRIPTION, cache, operation).increment();
	}

	@Override
	public void fellBack(String cache, CacheOperation operation) {
		counter(FALLBACKS, FALLBACKS_DESCRIPTION, cache, operation).increment();
	}

	@Override
	public void failed(String cache, CacheOperation operation) {
		counter(FAILURES, FAILURES_DESCRIPTION, cache, operation).increment();
	}

	private LongAdder counter(String name, String description, String cache, CacheOperation operation) {
		return this.meters.counter(name, description, Tags.of("cache", cache, "operation", operation.tag()));
	}

}
