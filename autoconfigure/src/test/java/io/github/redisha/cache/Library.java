package io.github.redisha.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A cached service as applications write them: every method counts how often its body
 * really ran, so tests can tell a cache hit from a fallback.
 */
public class Library {

	private final AtomicInteger lookups = new AtomicInteger();

	private final AtomicInteger updates = new AtomicInteger();

	/** How often a lookup method's body ran (through the proxy, hence a method). */
	public int lookups() {
		return this.lookups.get();
	}

	/** How often an update method's body ran. */
	public int updates() {
		return this.updates.get();
	}

	@Cacheable("books")
	public String title(String isbn) {
		this.lookups.incrementAndGet();
		return titleOf(isbn);
	}

	@Cacheable(cacheNames = "books", sync = true)
	public String titleLoadedOnce(String isbn) {
		this.lookups.incrementAndGet();
		return titleOf(isbn);
	}

	@Cacheable("books")
	public CompletableFuture<String> titleLater(String isbn) {
		this.lookups.incrementAndGet();
		return CompletableFuture.completedFuture(titleOf(isbn));
	}

	@CacheEvict("books")
	public void update(String isbn) {
		this.updates.incrementAndGet();
	}

	@CacheEvict(cacheNames = "books", beforeInvocation = true)
	public void updateAfterEvicting(String isbn) {
		this.updates.incrementAndGet();
	}

	@CacheEvict(cacheNames = "books", allEntries = true)
	public void updateAll() {
		this.updates.incrementAndGet();
	}

	static String titleOf(String isbn) {
		return "title of " + isbn;
	}

	/**
	 * How often a cache meter counted, 0 when it never did.
	 */
	static double count(MeterRegistry meters, String name, String operation) {
		FunctionCounter counter = meters.find(name).tags("cache", "books", "operation", operation).functionCounter();
		return (counter != null) ? counter.count() : 0;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class LibraryConfiguration {

		@Bean
		Library library() {
			return new Library();
		}

	}

}
