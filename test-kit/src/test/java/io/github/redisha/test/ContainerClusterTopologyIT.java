package io.github.redisha.test;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers backend: one 3 primaries × 1 replica cluster in containers (host
 * network), started from one annotation; every test leaves it healthy. The image comes
 * from {@code REDISHA_TEST_REDIS_IMAGE} (CI: the locally built {@code redis-ha/redis:7})
 * or defaults to {@code redis:7.2}.
 *
 * <p>
 * {@code cluster-node-timeout} is 3 s here, not the kit's 1 s, for the reason
 * {@link ContainerSentinelTopologyIT} gives: a {@code docker start} can stall the other
 * nodes for about a second on a 2-core machine, which would make a healthy primary look
 * failed.
 */
@Tag("docker")
@RedisClusterTopology(backend = Backend.TESTCONTAINERS, nodeTimeoutMillis = 3000)
class ContainerClusterTopologyIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String PASSWORD = "data-secret";

	@AfterEach
	void restoreHealth(ClusterTopology cluster) {
		cluster.restore(TIMEOUT);
	}

	@Test
	void startsHealthyOnLoopbackInContainers(ClusterTopology cluster) {
		assertThat(cluster.nodes()).hasSize(6).allMatch(RedisNode::isRunning).allMatch((n) -> n.pid().isEmpty());
		assertThat(cluster.primaries()).hasSize(3);
		assertThat(TestRedis.config(cluster.nodes().get(0), PASSWORD, "cluster-announce-ip")).isEqualTo("127.0.0.1");
		assertThat(TestRedis.<String>cluster(cluster, (c) -> c.set("container:key", "v"))).isEqualTo("OK");
		assertThat(NodeContainers.running()).as("one running container per node").hasSize(6);
	}

	@Test
	void killedPrimaryIsReplacedAndRestartsAsReplicaInTheSameContainer(ClusterTopology cluster) {
		RedisNode primary = cluster.primaryForKey("container:kill");
		RedisNode replica = cluster.replicasOf(primary).get(0);
		primary.kill();
		assertThat(cluster.awaitFailover(primary, TIMEOUT)).isSameAs(replica);
		assertThat(TestRedis.<String>cluster(cluster, (c) -> c.set("container:kill", "after"))).isEqualTo("OK");
		// the container's /data keeps nodes.conf: the node rejoins under its id and
		// learns it lost its slots
		primary.start();
		cluster.awaitHealthy(TIMEOUT);
		assertThat(cluster.replicasOf(replica)).containsExactly(primary);
	}

	@Test
	void frozenPrimaryIsReplacedAndRejoinsAsReplicaWhenThawed(ClusterTopology cluster) {
		RedisNode primary = cluster.primaryForKey("container:freeze");
		RedisNode replica = cluster.replicasOf(primary).get(0);
		primary.freeze();
		assertThat(primary.isRunning()).as("a paused container still runs").isTrue();
		assertThat(cluster.awaitFailover(primary, TIMEOUT)).isSameAs(replica);
		primary.thaw();
		cluster.awaitHealthy(TIMEOUT);
		assertThat(TestRedis.role(primary, PASSWORD)).isEqualTo("slave");
	}

	@Test
	void plannedFailoverAndReshard(ClusterTopology cluster) {
		RedisNode primary = cluster.primaryFor(0);
		RedisNode replica = cluster.replicasOf(primary).get(0);
		cluster.failover(replica);
		assertThat(cluster.primaryFor(0)).isSameAs(replica);

		RedisNode to = cluster.primaryFor(16383);
		cluster.reshard(10, replica, to);
		assertThat(cluster.primaryFor(0)).isSameAs(to);
		cluster.awaitHealthy(TIMEOUT);
	}

}
