package io.github.redisha.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Looks products up deliberately slowly — standing in for a database or a remote service
 * — behind a Redis cache, so that a cache hit is visible and a cache outage would show up
 * as slow answers rather than errors.
 *
 * @author redis-ha
 */
@Service
public class ProductCatalog {

	/** How long one lookup takes. */
	static final Duration LOOKUP_TIME = Duration.ofMillis(500);

	private final Counter lookups;

	ProductCatalog(MeterRegistry registry) {
		this.lookups = Counter.builder("sample.product.lookups")
			.description("Slow product lookups, i.e. cache misses of GET /products/{id}")
			.register(registry);
	}

	/**
	 * The product with the given id, from the {@code products} cache or, on a miss, from
	 * the slow lookup.
	 * @param id a positive id
	 * @return the product
	 */
	@Cacheable("products")
	public Product find(long id) {
		this.lookups.increment();
		try {
			Thread.sleep(LOOKUP_TIME.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while looking up product " + id, ex);
		}
		BigDecimal price = BigDecimal.valueOf(100 + (id * 37) % 900, 2).setScale(2, RoundingMode.UNNECESSARY);
		return new Product(id, "Product " + id, price);
	}

}
