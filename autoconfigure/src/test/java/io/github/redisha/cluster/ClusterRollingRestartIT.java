package io.github.redisha.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.testsupport.SteadyWriter;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart of a 3×1 cluster ({@link ClusterTopology#rollingRestart(Duration)}:
 * each shard's replica, then its primary after a {@code CLUSTER FAILOVER} on the replica)
 * under a writer (a SET every 5 ms): no error reaches the application and every
 * acknowledged write can be read back from the cluster.
 */
class ClusterRollingRestartIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	@Test
	void rollingRestartCostsNoErrorAndNoAcknowledgedWrite() {
		try (ClusterTopology cluster = RedisTopologies.cluster()
			.password(ClusterApp.PASSWORD)
			.nodeTimeout(Duration.ofSeconds(1))
			.start()) {
			ClusterApp.runner(cluster).run((context) -> {
				assertThat(context).hasNotFailed();
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				SteadyWriter writer = new SteadyWriter(template, "rolling-" + System.nanoTime());
				List<RedisNode> oldPrimaries = List.copyOf(cluster.primaries());
				Map<RedisNode, Long> pids = pids(cluster.nodes());
				try {
					await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
					cluster.rollingRestart(TIMEOUT);
					long restarted = System.nanoTime();
					await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(restarted).size() >= 50);
				}
				finally {
					writer.close();
				}
				assertThat(pids(cluster.nodes())).as("pids after the restart")
					.allSatisfy((node, pid) -> assertThat(pid).isNotEqualTo(pids.get(node)));
				assertThat(cluster.primaries()).as("primaries after the restart")
					.doesNotContainAnyElementsOf(oldPrimaries);
				assertThat(writer.failures()).as("errors seen by the application").isEmpty();
				List<String> lost = writer.acknowledged()
					.stream()
					.map(SteadyWriter.Write::key)
					.filter((key) -> !key.substring(key.lastIndexOf(':') + 1).equals(template.opsForValue().get(key)))
					.toList();
				System.out.printf("rolling restart, cluster: acknowledged=%d lost=%d errors=%d longestGap=%dms%n",
						writer.acknowledged().size(), lost.size(), writer.failures().size(), writer.longestGapMillis());
				assertThat(lost).as("acknowledged writes missing from the cluster").isEmpty();
			});
		}
	}

	private static Map<RedisNode, Long> pids(List<RedisNode> nodes) {
		return nodes.stream().collect(Collectors.toMap(Function.identity(), (node) -> node.pid().orElseThrow()));
	}

}
