package io.github.redisha.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the master; each test gets its own topology. The tests run concurrently: most
 * of their time is spent waiting for Sentinel's fixed periods (e.g. 8 s before a
 * returning old master is reconfigured as a replica).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ)
class FailoverIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static SentinelTopology.Builder topology() {
		return RedisTopologies.sentinel().password("data-secret").sentinelPassword("sentinel-secret");
	}

	@Test
	void killedMasterIsReplacedByAReplica() {
		try (SentinelTopology topology = topology().start()) {
			RedisNode oldMaster = topology.master();
			oldMaster.kill();
			assertThat(oldMaster.isRunning()).isFalse();
			RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
			assertThat(newMaster).isNotSameAs(oldMaster).isIn(topology.dataNodes().subList(1, 3));
			assertThat(TestRedis.role(newMaster, "data-secret")).isEqualTo("master");
			assertThat(topology.master()).isSameAs(newMaster);
			assertThat(topology.replicas()).contains(oldMaster).doesNotContain(newMaster);

			// the old master comes back as a replica of the new one
			oldMaster.start();
			topology.awaitHealthy(TIMEOUT);
			assertThat(TestRedis.role(oldMaster, "data-secret")).isEqualTo("slave");
		}
	}

	@Test
	void frozenMasterIsReplacedAndRejoinsAsReplicaWhenThawed() {
		try (SentinelTopology topology = topology().start()) {
			RedisNode oldMaster = topology.master();
			oldMaster.freeze();
			assertThat(oldMaster.isFrozen()).isTrue();
			RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
			assertThat(newMaster).isNotSameAs(oldMaster);
			assertThat(TestRedis.role(newMaster, "data-secret")).isEqualTo("master");

			oldMaster.thaw();
			TestRedis.await("the thawed old master to become a replica", TIMEOUT,
					() -> "slave".equals(TestRedis.role(oldMaster, "data-secret")));
			topology.awaitHealthy(TIMEOUT);
			assertThat(topology.master()).isSameAs(newMaster);
		}
	}

	@Test
	void manualFailoverWithoutPasswords() {
		try (SentinelTopology topology = RedisTopologies.sentinel().replicas(1).start()) {
			assertThat(topology.password()).isNull();
			assertThat(topology.sentinelPassword()).isNull();
			assertThat(topology.environment()).doesNotContainKeys("REDIS_PASSWORD", "REDIS_SENTINEL_PASSWORD");
			RedisNode oldMaster = topology.master();
			topology.failover();
			RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
			assertThat(newMaster).isSameAs(topology.dataNodes().get(1));
			assertThat(TestRedis.role(newMaster, null)).isEqualTo("master");
			topology.awaitHealthy(TIMEOUT);
			assertThat(TestRedis.role(oldMaster, null)).isEqualTo("slave");
		}
	}

}
