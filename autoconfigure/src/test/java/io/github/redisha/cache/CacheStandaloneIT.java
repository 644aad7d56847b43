package io.github.redisha.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.DirectRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Cache retries and fallbacks against a real Redis that is frozen (commands time out),
 * demoted to a read-only replica (writes fail with READONLY) or holds unreadable data.
 * Command timeout 500 ms and a retry budget of 1.5 s keep each outage short; settings
 * reach the context as properties, the server through the test kit's service connection.
 */
@RedisStandalone
@ExtendWith(OutputCaptureExtension.class)
class CacheStandaloneIT {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private ApplicationContextRunner runner(StandaloneRedis redis, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaCacheAutoConfiguration.class, CacheAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(Library.LibraryConfiguration.class)
			.withInitializer(RedisServiceConnections.initializer(redis))
			.withPropertyValues("spring.cache.type=redis", "spring.data.redis.timeout=500ms",
					"redis.cache.retry.max-duration=1500ms", "redis.cache.retry.initial-delay=50ms",
					"redis.cache.retry.max-delay=200ms")
			.withPropertyValues(properties);
	}

	@Test
	void cachesThroughTheRetryingWriter(StandaloneRedis redis) {
		runner(redis).run((context) -> {
			Library library = context.getBean(Library.class);
			assertThat(library.title("978-0")).isEqualTo("title of 978-0");
			assertThat(library.title("978-0")).isEqualTo("title of 978-0");
			assertThat(library.lookups()).isEqualTo(1);
			assertThat(exists(redis, "books::978-0")).isTrue();
			library.update("978-0");
			assertThat(exists(redis, "books::978-0")).isFalse();
		});
	}

	@Test
	void spentBudgetDegradesReadsToMissesAndLaterCallsFailFast(StandaloneRedis redis, CapturedOutput output) {
		runner(redis).run((context) -> {
			Library library = context.getBean(Library.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			library.title("978-1");
			redis.node().freeze();
			try {
				assertThat(library.title("978-1")).isEqualTo("title of 978-1");
				assertThat(library.lookups()).as("the method ran instead of the cache").isEqualTo(2);
				assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "get")).isPositive();
				assertThat(Library.count(meters, RedisCacheMeters.EXHAUSTED, "get")).isOne();
				assertThat(Library.count(meters, RedisCacheMeters.FALLBACKS, "get")).isOne();
				assertThat(Library.count(meters, RedisCacheMeters.FALLBACKS, "put")).isOne();
				assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "put")).as("put failed fast").isZero();

				double retries = Library.count(meters, RedisCacheMeters.RETRIES, "get");
				assertThat(library.title("978-2")).isEqualTo("title of 978-2");
				assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "get"))
					.as("a single attempt while unavailable")
					.isEqualTo(retries);
				assertThat(Library.count(meters, RedisCacheMeters.FALLBACKS, "get")).isEqualTo(2);
			}
			finally {
				redis.node().thaw();
			}
			AtomicInteger attempt = new AtomicInteger();
			await().atMost(PATIENCE).untilAsserted(() -> {
				String isbn = "978-3-" + attempt.incrementAndGet();
				int before = library.lookups();
				library.title(isbn);
				library.title(isbn);
				assertThat(library.lookups() - before).as("cached again once Redis answers").isEqualTo(1);
			});
		});
		assertThat(output).contains("redis-ha: cache 'books' get failed, serving a cache miss: Command timed out")
			.contains("until Redis answers again, cache reads and writes make a single attempt")
			.contains("redis-ha: Redis answers cache operations again")
			.doesNotContain("978-1")
			.doesNotContain(redis.password());
	}

	@Test
	void writesRejectedByAReadOnlyReplicaAreRetriedUntilItIsPromoted(StandaloneRedis redis) {
		runner(redis, "redis.cache.retry.max-duration=30s").run((context) -> {
			Library library = context.getBean(Library.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			CompletableFuture<String> answer;
			demote(redis);
			try {
				answer = CompletableFuture.supplyAsync(() -> library.title("978-4"));
				await().atMost(PATIENCE).until(() -> Library.count(meters, RedisCacheMeters.RETRIES, "put") >= 2);
			}
			finally {
				promote(redis);
			}
			assertThat(answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("title of 978-4");
			assertThat(exists(redis, "books::978-4")).as("written once the node took writes again").isTrue();
			assertThat(Library.count(meters, RedisCacheMeters.EXHAUSTED, "put")).isZero();
			assertThat(Library.count(meters, RedisCacheMeters.FALLBACKS, "put")).isZero();
		});
	}

	@Test
	void readThroughRunsTheLoaderOnceWhenTheWriteFails(StandaloneRedis redis) {
		runner(redis).run((context) -> {
			Library library = context.getBean(Library.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			demote(redis);
			try {
				assertThat(library.titleLoadedOnce("978-5")).isEqualTo("title of 978-5");
			}
			finally {
				promote(redis);
			}
			assertThat(library.lookups()).isEqualTo(1);
			assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "put")).isPositive();
			assertThat(Library.count(meters, RedisCacheMeters.EXHAUSTED, "put")).isOne();
			assertThat(Library.count(meters, RedisCacheMeters.FALLBACKS, "put")).isOne();
			assertThat(exists(redis, "books::978-5")).isFalse();
		});
	}

	@Test
	void failedEvictionsReachTheCallerAfterTheWholeBudget(StandaloneRedis redis, CapturedOutput output) {
		runner(redis).run((context) -> {
			Library library = context.getBean(Library.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			library.title("978-6");
			redis.node().freeze();
			try {
				// a spent read budget makes reads and writes fail fast, but never
				// evictions
				library.title("978-7");
				assertThatExceptionOfType(RedisCacheEvictException.class).isThrownBy(() -> library.update("978-6"))
					.satisfies((ex) -> {
						assertThat(ex.getCacheName()).isEqualTo("books");
						assertThat(ex.getOperation()).isEqualTo("evict");
						assertThat(ex.getKey()).isEqualTo("978-6");
						assertThat(ex.getMessage())
							.startsWith("Cache 'books' could not evict an entry: Command timed out")
							.doesNotContain("978-6");
					});
				assertThat(library.updates()).as("the method ran, then the eviction failed").isEqualTo(1);
				assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "evict")).isPositive();
				assertThat(Library.count(meters, RedisCacheMeters.EXHAUSTED, "evict")).isOne();
				assertThat(Library.count(meters, RedisCacheMeters.FAILURES, "evict")).isOne();

				assertThatExceptionOfType(RedisCacheEvictException.class)
					.isThrownBy(() -> library.updateAfterEvicting("978-6"));
				assertThat(library.updates()).as("an eviction before the method stops it").isEqualTo(1);

				assertThatExceptionOfType(RedisCacheEvictException.class).isThrownBy(library::updateAll)
					.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo("clear"));
				assertThat(Library.count(meters, RedisCacheMeters.FAILURES, "clear")).isOne();
			}
			finally {
				redis.node().thaw();
			}
			// a timed-out DEL may still run when the node resumes: the exception means
			// "not confirmed"
			await().atMost(PATIENCE).untilAsserted(() -> {
				library.update("978-6");
				assertThat(exists(redis, "books::978-6")).isFalse();
			});
		});
		assertThat(output).contains("redis-ha: cache 'books' evict failed, the caller gets a RedisCacheEvictException");
	}

	@Test
	void nonTransientFailuresAreNotRetried(StandaloneRedis redis) {
		// a generous command timeout: no timeout on a busy machine may pass for a retry
		// here
		runner(redis).withPropertyValues("spring.data.redis.timeout=10s").run((context) -> {
			Library library = context.getBean(Library.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			DirectRedis.call(redis.node(), redis.password(), (commands) -> commands.lpush("books::978-8", "a list"));
			DirectRedis.call(redis.node(), redis.password(), (commands) -> commands.set("books::978-9", "not java"));

			assertThat(library.title("978-8")).as("WRONGTYPE").isEqualTo("title of 978-8");
			assertThat(library.title("978-9")).as("unreadable value").isEqualTo("title of 978-9");
			assertThat(library.lookups()).isEqualTo(2);
			assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "get")).isZero();
			assertThat(Library.count(meters, RedisCacheMeters.EXHAUSTED, "get")).isZero();
			assertThat(Library.count(meters, RedisCacheMeters.FALLBACKS, "get")).isEqualTo(2);

			// the method's answers replaced the bad entries
			assertThat(library.title("978-8")).isEqualTo("title of 978-8");
			assertThat(library.title("978-9")).isEqualTo("title of 978-9");
			assertThat(library.lookups()).isEqualTo(2);
		});
	}

	@Test
	void asynchronousReadsFallBackToo(StandaloneRedis redis) {
		runner(redis).run((context) -> {
			Library library = context.getBean(Library.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(library.titleLater("978-10").get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo("title of 978-10");
			assertThat(library.titleLater("978-10").get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo("title of 978-10");
			assertThat(library.lookups()).isEqualTo(1);
			redis.node().freeze();
			try {
				assertThat(library.titleLater("978-10").get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
					.isEqualTo("title of 978-10");
			}
			finally {
				redis.node().thaw();
			}
			assertThat(library.lookups()).isEqualTo(2);
			assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "get")).isPositive();
			assertThat(Library.count(meters, RedisCacheMeters.EXHAUSTED, "get")).isOne();
			assertThat(Library.count(meters, RedisCacheMeters.FALLBACKS, "get")).isOne();
		});
	}

	@Test
	void retryOperationsRetryTransientFailuresOnly(StandaloneRedis redis) {
		runner(redis, "redis.cache.retry.max-duration=30s").run((context) -> {
			RedisRetryOperations retry = context.getBean(RedisRetryOperations.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			AtomicInteger attempts = new AtomicInteger();
			CompletableFuture<String> done;
			demote(redis);
			try {
				done = CompletableFuture.supplyAsync(() -> retry.invoke(() -> {
					attempts.incrementAndGet();
					template.opsForValue().set("retried", "written");
					return "done";
				}));
				await().atMost(PATIENCE).until(() -> attempts.get() >= 2);
			}
			finally {
				promote(redis);
			}
			assertThat(done.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done");
			assertThat(DirectRedis.get(redis.node(), redis.password(), "retried")).isEqualTo("written");

			template.opsForList().leftPush("a-list", "x");
			AtomicInteger wrongTypeAttempts = new AtomicInteger();
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> retry.invoke(() -> {
				wrongTypeAttempts.incrementAndGet();
				return template.opsForValue().get("a-list");
			})).withStackTraceContaining("WRONGTYPE");
			assertThat(wrongTypeAttempts).hasValue(1);
		});
	}

	@Test
	void executeRunsTheCallbackOnAConnectionOfTheDelegate(StandaloneRedis redis) {
		runner(redis).run((context) -> {
			RedisCache cache = (RedisCache) context.getBean(RedisCacheManager.class).getCache("books");
			RetryingRedisCacheWriter writer = (RetryingRedisCacheWriter) cache.getNativeCache();
			byte[] key = "executed".getBytes(StandardCharsets.UTF_8);
			Function<RedisConnection, Boolean> setKey = (connection) -> connection.stringCommands().set(key, key);
			if (ReflectionUtils.findMethod(RedisCacheWriter.class, "execute", Function.class) != null) {
				assertThat(writer.execute(setKey)).isTrue();
				assertThat(exists(redis, "executed")).isTrue();
			}
			else {
				// Spring Boot 4.0's Spring Data Redis has no RedisCacheWriter.execute to
				// pass on to
				assertThatIllegalStateException().isThrownBy(() -> writer.execute(setKey))
					.withMessageContaining("needs Spring Data Redis 4.1");
				assertThat(exists(redis, "executed")).isFalse();
			}
		});
	}

	private static boolean exists(StandaloneRedis redis, String key) {
		return DirectRedis.call(redis.node(), redis.password(), (commands) -> commands.exists(key)) == 1;
	}

	/**
	 * Make the node a replica of a master that does not exist: it keeps serving reads and
	 * answers writes with READONLY, as a demoted master does during a failover.
	 */
	private static void demote(StandaloneRedis redis) {
		int nowhere = DirectRedis.unusedPort();
		DirectRedis.call(redis.node(), redis.password(), (commands) -> commands.replicaof("127.0.0.1", nowhere));
	}

	private static void promote(StandaloneRedis redis) {
		DirectRedis.call(redis.node(), redis.password(), (commands) -> commands.replicaofNoOne());
	}

}
