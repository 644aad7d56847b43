package io.github.redisha.failover;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.routing.RedisHaRoutingAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas with {@code replica-serve-stale-data no} answer {@code MASTERDOWN} to reads
 * while their link to the master is down, as after a master kill until Sentinel has
 * promoted one of them and re-attached the other. The application reading from replicas
 * ({@code replica}) through the failover sees no error: each such read is held and sent
 * again, and counted. The replicas' {@code INFO errorstats} proves they did answer
 * {@code MASTERDOWN}.
 */
class MasterDownRetryIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String PASSWORD = "data-secret";

	@Test
	void readsRejectedByReplicasThatLostTheirMasterAreSentAgain() {
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.password(PASSWORD)
			.sentinelPassword("sentinel-secret")
			.extraServerConfig("replica-serve-stale-data no")
			.start()) {
			List<RedisNode> replicas = topology.replicas();
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
						DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
						RedisHaSentinelAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class,
						RedisHaMetricsAutoConfiguration.class))
				.withInitializer(RedisServiceConnections.initializer(topology))
				.withPropertyValues("redis.read-from=replica", "redis.failover.reconnect-hold-max=30s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					MeterRegistry registry = new SimpleMeterRegistry();
					context.getBean(MeterBinder.class).bindTo(registry);
					StringRedisTemplate template = new StringRedisTemplate(
							context.getBean(RedisConnectionFactory.class));
					template.opsForValue().set("masterdown:key", "value");
					await().atMost(TIMEOUT).until(() -> "value".equals(template.opsForValue().get("masterdown:key")));

					List<String> failures = new CopyOnWriteArrayList<>();
					AtomicLong reads = new AtomicLong();
					AtomicBoolean stop = new AtomicBoolean();
					Thread reader = new Thread(() -> {
						while (!stop.get()) {
							try {
								assertThat(template.opsForValue().get("masterdown:key")).isEqualTo("value");
								reads.incrementAndGet();
							}
							catch (RuntimeException | AssertionError ex) {
								failures.add(String.valueOf(ex));
							}
						}
					}, "masterdown-reader");
					reader.start();
					try {
						RedisNode oldMaster = topology.master();
						oldMaster.kill();
						topology.awaitFailover(oldMaster, TIMEOUT);
						await().atMost(TIMEOUT).until(() -> masterDownReplies(replicas) > 0);
						long afterFailover = reads.get();
						await().atMost(TIMEOUT).until(() -> reads.get() >= afterFailover + 100);
					}
					finally {
						stop.set(true);
						reader.join(TIMEOUT.toMillis());
					}
					assertThat(failures).as("errors seen by the application").isEmpty();
					FunctionCounter retried = registry.find("redis.failover.rejected.retries")
						.tag("error", "MASTERDOWN")
						.functionCounter();
					assertThat(retried).as("MASTERDOWN retries meter").isNotNull();
					assertThat(retried.count()).isPositive();
				});
		}
	}

	private static long masterDownReplies(List<RedisNode> replicas) {
		return replicas.stream().mapToLong((node) -> NodeCommands.errorReplies(node, PASSWORD, "MASTERDOWN")).sum();
	}

}
