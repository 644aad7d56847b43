package io.github.redisha.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SteadyWriter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chart upgrade: every pod (a data node and its Sentinel) restarted in StatefulSet
 * order, replicas first, the master's pod last after a {@code SENTINEL FAILOVER} in its
 * preStop ({@link SentinelTopology#rollingRestart(Duration)}), under a writer (a SET
 * every 5 ms): no error reaches the application and every acknowledged write is on the
 * final master.
 */
class SentinelRollingRestartIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String PASSWORD = "data-secret";

	@Test
	void rollingRestartCostsNoErrorAndNoAcknowledgedWrite() {
		try (SentinelTopology topology = RedisTopologies.sentinel().password(PASSWORD).start()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
						DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
						RedisHaSentinelAutoConfiguration.class))
				.withInitializer(RedisServiceConnections.initializer(topology))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					StringRedisTemplate template = new StringRedisTemplate(
							context.getBean(RedisConnectionFactory.class));
					SteadyWriter writer = new SteadyWriter(template, "rolling-" + System.nanoTime());
					RedisNode oldMaster = topology.master();
					List<RedisNode> nodes = new ArrayList<>(topology.dataNodes());
					nodes.addAll(topology.sentinels());
					List<Long> pids = nodes.stream().map((node) -> node.pid().orElseThrow()).toList();
					RedisNode newMaster;
					try {
						await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
						newMaster = topology.rollingRestart(TIMEOUT);
						long restarted = System.nanoTime();
						await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(restarted).size() >= 50);
					}
					finally {
						writer.close();
					}
					assertThat(newMaster).isNotSameAs(oldMaster);
					assertThat(nodes.stream().map((node) -> node.pid().orElseThrow()).toList())
						.as("pids after the restart (every data node and Sentinel restarted)")
						.doesNotContainAnyElementsOf(pids);
					assertThat(writer.failures()).as("errors seen by the application").isEmpty();
					List<String> keys = writer.acknowledged().stream().map(SteadyWriter.Write::key).toList();
					long present = NodeCommands.on(newMaster, PASSWORD,
							(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
					System.out.printf("rolling restart, Sentinel: acknowledged=%d lost=%d errors=%d longestGap=%dms%n",
							keys.size(), keys.size() - present, writer.failures().size(), writer.longestGapMillis());
					assertThat(present).as("acknowledged writes on the final master, of %d", keys.size())
						.isEqualTo(keys.size());
				});
		}
	}

}
