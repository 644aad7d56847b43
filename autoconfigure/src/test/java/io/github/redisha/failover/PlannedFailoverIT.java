package io.github.redisha.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.WriterPool;
import io.lettuce.core.KeyValue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code SENTINEL FAILOVER} while the application writes, in the three shapes of the
 * benchmark: one writer, 16 writers on their own connections (what a pool gives), 8
 * writers sending pipelines of 10. The client holds the writes for the old master from
 * the moment the failover leader names the replica it promotes until the client switched
 * to it, so every write the application was told succeeded is on the new master, none
 * fails, and the writes resume there. Asserts behaviour, never timings; one fresh
 * topology per test.
 */
class PlannedFailoverIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String PASSWORD = "data-secret";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class));

	@Test
	void losesNoAcknowledgedWriteOfOneWriter() {
		failoverWhileWriting(1, 1, true);
	}

	@Test
	void losesNoAcknowledgedWriteOfSixteenWritersOnTheirOwnConnections() {
		failoverWhileWriting(16, 1, false);
	}

	@Test
	void losesNoAcknowledgedWriteOfEightWritersSendingPipelines() {
		failoverWhileWriting(8, 10, true);
	}

	private void failoverWhileWriting(int writers, int pipeline, boolean sharedConnection) {
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.password(PASSWORD)
			.sentinelPassword("sentinel-secret")
			.start()) {
			this.contextRunner.withInitializer(RedisServiceConnections.initializer(topology)).run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(MeterBinder.class).bindTo(registry);
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				factory.setShareNativeConnection(sharedConnection);
				WriterPool writes = new WriterPool(factory, "planned-" + System.nanoTime(), writers, pipeline);
				RedisNode newMaster;
				try {
					await().atMost(TIMEOUT).until(() -> writes.acknowledged().size() >= 20 * writers * pipeline);
					RedisNode oldMaster = topology.master();
					topology.failover();
					newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
					FailoverHistory history = context.getBean(FailoverHistory.class);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(history.currentMaster()).contains(endpoint(newMaster)));
					int beforeSwitch = writes.acknowledged().size();
					long switched = System.nanoTime();
					// the writes resume on the new master: the hold has ended
					await().atMost(TIMEOUT)
						.until(() -> writes.lastAcknowledgedAt() > switched
								&& writes.acknowledged().size() >= beforeSwitch + 40 * writers * pipeline);
				}
				finally {
					writes.close();
				}
				assertThat(writes.failures()).as("errors seen by the application").isEmpty();
				assertThat(missingOn(newMaster, writes.acknowledged()))
					.as("acknowledged writes missing on the new master")
					.isEmpty();
				assertThat(registry.get("redis.failover.master.switches").functionCounter().count()).isEqualTo(1);
				// a series appears with its first retry
				FunctionCounter readOnly = registry.find("redis.failover.rejected.retries")
					.tag("error", "READONLY")
					.functionCounter();
				assertThat((readOnly != null) ? readOnly.count() : 0)
					.as("writes that reached the old master after it was demoted")
					.isZero();
			});
		}
	}

	private static List<String> missingOn(RedisNode node, Map<String, Long> acknowledged) {
		List<String> keys = new ArrayList<>(acknowledged.keySet());
		assertThat(keys).isNotEmpty();
		List<String> missing = new ArrayList<>();
		for (int from = 0; from < keys.size(); from += 500) {
			List<String> batch = keys.subList(from, Math.min(from + 500, keys.size()));
			List<KeyValue<String, String>> values = NodeCommands.on(node, PASSWORD,
					(redis) -> redis.mget(batch.toArray(String[]::new)));
			for (int i = 0; i < batch.size(); i++) {
				String expected = Long.toString(acknowledged.get(batch.get(i)));
				if (!expected.equals(values.get(i).getValueOrElse(null))) {
					missing.add(batch.get(i));
				}
			}
		}
		return missing;
	}

	private static RedisEndpoint endpoint(RedisNode node) {
		return new RedisEndpoint(node.host(), node.port());
	}

}
