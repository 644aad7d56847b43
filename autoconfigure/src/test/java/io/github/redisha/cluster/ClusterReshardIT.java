package io.github.redisha.cluster;

import java.time.Duration;
import java.util.List;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.testsupport.SteadyWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slots move ({@code MIGRATE}, {@code ASK}, then {@code MOVED}) while the application
 * writes every 5 ms on keys over all slots: no error reaches the caller, every
 * acknowledged write can be read back, and the redirects are counted.
 */
class ClusterReshardIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void noErrorReachesTheCallerWhileSlotsMove() {
		try (ClusterTopology cluster = RedisTopologies.cluster()
			.password(ClusterApp.PASSWORD)
			.replicasPerPrimary(0)
			.start()) {
			ClusterApp.runner(cluster).run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(MeterBinder.class).bindTo(registry);
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				SteadyWriter writer = new SteadyWriter(template, "reshard-" + System.nanoTime());
				try {
					await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
					List<RedisNode> primaries = cluster.primaries();
					cluster.reshard(1000, primaries.get(0), primaries.get(1));
					long moved = System.nanoTime();
					await().atMost(TIMEOUT).until(() -> redirects(registry) >= 1);
					await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(moved).size() >= 100);
				}
				finally {
					writer.close();
				}
				assertThat(writer.failures()).as("errors seen by the application").isEmpty();
				List<String> lost = writer.acknowledged()
					.stream()
					.map(SteadyWriter.Write::key)
					.filter((key) -> !Boolean.TRUE.equals(template.hasKey(key)))
					.toList();
				assertThat(lost).as("acknowledged writes that cannot be read back").isEmpty();
			});
		}
	}

	private static double redirects(MeterRegistry registry) {
		return Search.in(registry)
			.name("redis.cluster.redirects")
			.functionCounters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
