package io.github.redisha.test;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers backend: one 1 master + 2 replicas + 3 Sentinels topology in
 * containers (host network), started from one annotation; every test leaves it healthy.
 * The image comes from {@code REDISHA_TEST_REDIS_IMAGE} (CI: the locally built
 * {@code redis-ha/redis:7}) or defaults to {@code redis:7.2}.
 *
 * <p>
 * {@code down-after-milliseconds} is 3 s here, not the kit's 1 s: on a 2-core machine a
 * {@code docker start} stalled all three Sentinels for about a second, right after a
 * failover; one of them then marked the brand-new master down, and the other Sentinels'
 * votes from the failover just before (Sentinel keeps them for 5 s) made that an
 * immediate second failover.
 */
@Tag("docker")
@RedisSentinelTopology(backend = Backend.TESTCONTAINERS, downAfterMillis = 3000)
class ContainerSentinelTopologyIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@AfterEach
	void restoreHealth(SentinelTopology topology) {
		topology.restore(TIMEOUT);
	}

	@Test
	void startsHealthyOnLoopbackInContainers(SentinelTopology topology) {
		assertThat(topology.dataNodes()).hasSize(3).allMatch(RedisNode::isRunning);
		assertThat(topology.sentinels()).hasSize(3).allMatch(RedisNode::isRunning);
		// other tests of this class fail over the shared topology, so any data node may
		// be the master by now
		RedisNode master = topology.master();
		assertThat(topology.dataNodes()).contains(master);
		assertThat(topology.dataNodes()).allMatch((node) -> node.pid().isEmpty());
		assertThat(TestRedis.config(master, "data-secret", "bind")).isEqualTo("127.0.0.1");
		assertThat(topology.replicas()).hasSize(2)
			.allSatisfy((replica) -> assertThat(TestRedis.role(replica, "data-secret")).isEqualTo("slave"));
		assertThat(topology.environment()).containsEntry("REDIS_SENTINELS", topology.sentinelAddresses());
		assertThat(NodeContainers.running()).as("one running container per node").hasSize(6);
	}

	@Test
	void killedMasterIsReplacedAndComesBackAsReplicaOfTheNewOne(SentinelTopology topology) {
		RedisNode oldMaster = topology.master();
		TestRedis.set(oldMaster, "data-secret", "before-kill", "kept");
		TestRedis.await("the write to reach both replicas", TIMEOUT,
				() -> topology.replicas()
					.stream()
					.allMatch((replica) -> "kept".equals(TestRedis.get(replica, "data-secret", "before-kill"))));
		oldMaster.kill();
		assertThat(oldMaster.isRunning()).isFalse();
		RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
		assertThat(newMaster).isNotSameAs(oldMaster);
		assertThat(TestRedis.get(newMaster, "data-secret", "before-kill")).isEqualTo("kept");

		// restarted in the same container: the config Sentinel rewrote makes it a replica
		oldMaster.start();
		TestRedis.await("the restarted old master to become a replica", TIMEOUT,
				() -> "slave".equals(TestRedis.role(oldMaster, "data-secret")));
		topology.awaitHealthy(TIMEOUT);
		assertThat(topology.master()).isSameAs(newMaster);
	}

	@Test
	void frozenMasterIsReplacedAndRejoinsAsReplicaWhenThawed(SentinelTopology topology) {
		RedisNode oldMaster = topology.master();
		oldMaster.freeze();
		assertThat(oldMaster.isFrozen()).isTrue();
		assertThat(oldMaster.isRunning()).as("a paused container still runs").isTrue();
		RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
		assertThat(newMaster).isNotSameAs(oldMaster);

		oldMaster.thaw();
		assertThat(oldMaster.isFrozen()).isFalse();
		TestRedis.await("the thawed old master to become a replica", TIMEOUT,
				() -> "slave".equals(TestRedis.role(oldMaster, "data-secret")));
		topology.awaitHealthy(TIMEOUT);
	}

	@Test
	void stoppedSentinelIsToleratedAndRestarts(SentinelTopology topology) {
		RedisNode sentinel = topology.sentinels().get(1);
		sentinel.stop();
		assertThat(sentinel.isRunning()).isFalse();
		RedisNode master = topology.master();
		// the remaining two Sentinels still reach the quorum of 2 for a manual failover
		topology.failover();
		RedisNode newMaster = topology.awaitFailover(master, TIMEOUT);
		assertThat(newMaster).isNotSameAs(master);
		sentinel.start();
		assertThat(TestRedis.<String>sentinel(sentinel, "sentinel-secret", (c) -> c.ping())).isEqualTo("PONG");
		topology.awaitHealthy(TIMEOUT);
		assertThat(topology.master()).isSameAs(newMaster);
	}

}
