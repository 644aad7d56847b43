package io.github.redisha.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisha.cluster.RedisHaClusterAutoConfiguration;
import io.github.redisha.connection.ClusterEnvironment;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.testsupport.DirectRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @Cacheable} method in cluster mode keeps answering, without an exception
 * reaching its caller, while the primary holding its cache entries is killed and a
 * replica takes over. Every ISBN below carries the hash tag {@code {shelf}}, so all
 * entries live in the one slot whose primary is killed.
 * <p>
 * redis-ha's cluster engine moves the application's client to the promoted replica (no
 * periodic topology refresh is set); the cache's retries ride out the time until then.
 */
@RedisClusterTopology(password = "cluster-cache-secret")
class ClusterCacheIT {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String TAG = "{shelf}";

	@AfterEach
	void restore(ClusterTopology cluster) {
		cluster.restore(PATIENCE);
	}

	@Test
	void cachedMethodKeepsAnsweringThroughAPrimaryKill(ClusterTopology cluster) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
					RedisHaSentinelAutoConfiguration.class, RedisHaClusterAutoConfiguration.class,
					RedisHaCacheAutoConfiguration.class, CacheAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(Library.LibraryConfiguration.class)
			.withInitializer(ClusterEnvironment.of(cluster.environment()))
			.withPropertyValues("spring.cache.type=redis", "spring.data.redis.timeout=1s")
			.run((context) -> {
				Library library = context.getBean(Library.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(library.title(TAG + "978-c")).isEqualTo(Library.titleOf(TAG + "978-c"));
				assertThat(library.title(TAG + "978-c")).isEqualTo(Library.titleOf(TAG + "978-c"));
				assertThat(library.lookups()).isEqualTo(1);

				RedisNode oldPrimary = cluster.primaryForKey(TAG);
				long entries = DirectRedis.call(oldPrimary, cluster.password(),
						(commands) -> commands.exists("books::" + TAG + "978-c"));
				assertThat(entries).as("the entry is on the primary about to be killed").isOne();
				oldPrimary.kill();
				AtomicInteger call = new AtomicInteger();
				// every call below must answer; an exception fails the test at once
				await().atMost(PATIENCE).untilAsserted(() -> {
					String isbn = TAG + "978-c-" + call.incrementAndGet();
					int before = library.lookups();
					assertThat(library.title(isbn)).isEqualTo(Library.titleOf(isbn));
					assertThat(library.title(isbn)).isEqualTo(Library.titleOf(isbn));
					assertThat(library.lookups() - before).as("cached again, on the new primary").isEqualTo(1);
				});
				RedisNode newPrimary = cluster.awaitFailover(oldPrimary, PATIENCE);
				long after = DirectRedis.call(newPrimary, cluster.password(),
						(commands) -> commands.exists("books::" + TAG + "978-c-" + call.get()));
				assertThat(after).as("the last entry is on the new primary").isOne();
				assertThat(Library.count(meters, RedisCacheMeters.RETRIES, "get")
						+ Library.count(meters, RedisCacheMeters.RETRIES, "put"))
					.as("the outage was ridden out by retries")
					.isPositive();
			});
	}

}
