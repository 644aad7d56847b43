package io.github.redisha.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RedisClusterTopology}: its settings reach the nodes, the cluster is injected
 * into a per-class constructor (before {@code beforeAll}), test methods, nested classes
 * and {@code @AfterAll}, always the same one. An empty password means none.
 */
@RedisClusterTopology(primaries = 3, replicasPerPrimary = 0, password = "", nodeTimeoutMillis = 2000)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAnnotationIT {

	private final ClusterTopology cluster;

	ClusterAnnotationIT(ClusterTopology cluster) {
		this.cluster = cluster;
	}

	@Test
	void startsTheAnnotatedCluster(ClusterTopology cluster) {
		assertThat(cluster).isSameAs(this.cluster);
		assertThat(cluster.nodes()).hasSize(3);
		assertThat(cluster.primaries()).containsExactlyElementsOf(cluster.nodes());
		assertThat(cluster.replicas()).isEmpty();
		assertThat(cluster.password()).isNull();
		assertThat(cluster.environment()).doesNotContainKey("REDIS_PASSWORD");
		RedisNode node = cluster.nodes().get(0);
		assertThat(TestRedis.ping(node, null)).isEqualTo("PONG");
		assertThat(TestRedis.config(node, null, "cluster-node-timeout")).isEqualTo("2000");
	}

	@AfterAll
	void stillRunningInAfterAll(ClusterTopology cluster) {
		assertThat(cluster.nodes()).allMatch(RedisNode::isRunning);
	}

	@Nested
	class Nested1 {

		@Test
		void sharesTheEnclosingClassCluster(ClusterTopology cluster) {
			assertThat(cluster).isSameAs(ClusterAnnotationIT.this.cluster);
		}

	}

}
