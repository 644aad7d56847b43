package io.github.redisha.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One native 3 primaries × 1 replica cluster shared by the tests; each test leaves it
 * healthy (failovers and moved slots are not undone, so the tests ask the cluster who is
 * primary instead of assuming it).
 */
@RedisClusterTopology
class ClusterTopologyIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String PASSWORD = "data-secret";

	@AfterEach
	void restoreHealth(ClusterTopology cluster) {
		cluster.restore(TIMEOUT);
	}

	@Test
	void startsThreePrimariesWithOneReplicaEachOnLoopback(ClusterTopology cluster) {
		assertThat(cluster.nodes()).hasSize(6).allMatch(RedisNode::isRunning);
		List<RedisNode> primaries = cluster.primaries();
		assertThat(primaries).hasSize(3);
		assertThat(cluster.replicas()).hasSize(3).doesNotContainAnyElementsOf(primaries);
		for (RedisNode primary : primaries) {
			assertThat(TestRedis.role(primary, PASSWORD)).isEqualTo("master");
			assertThat(cluster.replicasOf(primary)).singleElement()
				.satisfies((replica) -> assertThat(TestRedis.role(replica, PASSWORD)).isEqualTo("slave"));
		}
		RedisNode node = cluster.nodes().get(0);
		assertThat(TestRedis.config(node, PASSWORD, "cluster-node-timeout")).isEqualTo("1000");
		assertThat(TestRedis.config(node, PASSWORD, "cluster-announce-ip")).isEqualTo("127.0.0.1");
		assertThat(TestRedis.config(node, PASSWORD, "bind")).isEqualTo("127.0.0.1");
		assertThat(cluster.primaryFor(0)).isIn(primaries);
		assertThat(cluster.primaryFor(16383)).isIn(primaries).isNotSameAs(cluster.primaryFor(0));
		assertThat(cluster.seedAddresses().split(",")).hasSize(6).allMatch((a) -> a.startsWith("127.0.0.1:"));
		assertThat(cluster.environment()).containsExactly(Map.entry("REDIS_CLUSTER_ENABLED", "true"),
				Map.entry("REDIS_CLUSTER_NODES", cluster.seedAddresses()), Map.entry("REDIS_PASSWORD", PASSWORD));
	}

	@Test
	void aClusterClientWritesAcrossAllPrimariesAndEachKeyLivesOnItsPrimary(ClusterTopology cluster) {
		Map<String, String> written = new LinkedHashMap<>();
		for (int i = 0; i < 100; i++) {
			written.put("spread:" + i, "v" + i);
		}
		TestRedis.cluster(cluster, (c) -> c.mset(written));
		for (RedisNode primary : cluster.primaries()) {
			assertThat(TestRedis.<Long>redis(primary, PASSWORD, (c) -> c.dbsize())).as("keys on %s", primary)
				.isPositive();
		}
		for (String key : List.of("spread:0", "spread:42", "spread:99")) {
			// a direct GET on the owner: any other node would answer MOVED
			assertThat(TestRedis.get(cluster.primaryForKey(key), PASSWORD, key)).isEqualTo(written.get(key));
		}
	}

	@Test
	void killedPrimaryIsReplacedByItsReplicaAndRejoinsAsReplica(ClusterTopology cluster) {
		String key = "kill:{shard}";
		RedisNode primary = cluster.primaryForKey(key);
		RedisNode replica = cluster.replicasOf(primary).get(0);
		TestRedis.cluster(cluster, (c) -> c.set(key, "before"));
		assertThat(TestRedis.<Long>redis(primary, PASSWORD, (c) -> c.waitForReplication(1, 5000))).isEqualTo(1L);

		primary.kill();
		assertThat(cluster.awaitFailover(primary, TIMEOUT)).isSameAs(replica);

		assertThat(TestRedis.role(replica, PASSWORD)).isEqualTo("master");
		assertThat(TestRedis.<String>cluster(cluster, (c) -> c.get(key))).isEqualTo("before");
		assertThat(TestRedis.<String>cluster(cluster, (c) -> c.set(key, "after"))).isEqualTo("OK");
		primary.start();
		cluster.awaitHealthy(TIMEOUT);
		assertThat(cluster.replicasOf(replica)).containsExactly(primary);
		assertThat(TestRedis.role(primary, PASSWORD)).isEqualTo("slave");
	}

	@Test
	void frozenPrimaryIsReplacedAndBecomesAReplicaWhenThawed(ClusterTopology cluster) {
		RedisNode primary = cluster.primaryForKey("freeze");
		RedisNode replica = cluster.replicasOf(primary).get(0);
		primary.freeze();
		assertThat(cluster.awaitFailover(primary, TIMEOUT)).isSameAs(replica);
		assertThat(TestRedis.<String>cluster(cluster, (c) -> c.set("freeze", "written"))).isEqualTo("OK");

		primary.thaw();
		cluster.awaitHealthy(TIMEOUT);
		assertThat(TestRedis.role(primary, PASSWORD)).isEqualTo("slave");
		assertThat(cluster.replicasOf(replica)).containsExactly(primary);
		assertThat(cluster.primaryForKey("freeze")).isSameAs(replica);
	}

	@Test
	void plannedFailoverPromotesTheGivenReplica(ClusterTopology cluster) {
		RedisNode primary = cluster.primaryFor(8000);
		RedisNode replica = cluster.replicasOf(primary).get(0);
		cluster.failover(replica);
		assertThat(cluster.primaryFor(8000)).isSameAs(replica);
		assertThat(cluster.primaries()).contains(replica).doesNotContain(primary);
		TestRedis.await("the old primary to replicate the new one", TIMEOUT,
				() -> "slave".equals(TestRedis.role(primary, PASSWORD)));
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.failover(replica))
			.withMessageContaining("no replica");
	}

	@Test
	void reshardMovesSlotsWithTheirKeys(ClusterTopology cluster) {
		List<RedisNode> primaries = cluster.primaries();
		RedisNode from = primaries.get(0);
		RedisNode to = primaries.get(1);
		BitSet moving = lowestSlots(from, 100);
		Map<String, String> keys = new LinkedHashMap<>();
		for (int i = 0; keys.size() < 300; i++) {
			if (moving.get(SlotHash.getSlot("reshard:" + i))) {
				keys.put("reshard:" + i, "v" + i);
			}
		}
		TestRedis.cluster(cluster, (c) -> c.mset(keys));

		cluster.reshard(100, from, to);

		assertThat(cluster.primaryFor(moving.nextSetBit(0))).isSameAs(to);
		assertThat(cluster.primaryFor(moving.previousSetBit(16383))).isSameAs(to);
		// read on the new owner directly: a slot it did not own would answer MOVED
		List<String> values = TestRedis.redis(to, PASSWORD, (c) -> {
			List<String> read = new ArrayList<>();
			keys.keySet().forEach((key) -> read.add(c.get(key)));
			return read;
		});
		assertThat(values).containsExactlyElementsOf(keys.values());
		assertThat(TestRedis.<Long>redis(from, PASSWORD, (c) -> c.clusterCountKeysInSlot(moving.nextSetBit(0))))
			.isZero();
		cluster.awaitHealthy(TIMEOUT);
	}

	@Test
	void restoreUndoesEveryFault(ClusterTopology cluster) {
		List<RedisNode> replicas = cluster.replicas();
		RedisNode frozen = replicas.get(0);
		RedisNode killed = replicas.get(1);
		RedisNode stopped = replicas.get(2);
		frozen.freeze();
		killed.kill();
		stopped.stop();

		cluster.restore(TIMEOUT);

		assertThat(frozen.isFrozen()).isFalse();
		assertThat(cluster.nodes()).allMatch(RedisNode::isRunning);
		for (RedisNode replica : replicas) {
			assertThat(TestRedis.role(replica, PASSWORD)).isEqualTo("slave");
		}
		assertThat(cluster.replicas()).containsExactlyInAnyOrderElementsOf(replicas);
	}

	@Test
	void waitsFailWithWhatIsMissing(ClusterTopology cluster) {
		RedisNode primary = cluster.primaryFor(0);
		assertThatThrownBy(() -> cluster.awaitFailover(primary, Duration.ofMillis(200)))
			.isInstanceOf(RedisTopologyException.class)
			.hasMessageContaining("Timed out after 200 ms")
			.hasMessageContaining("still see " + primary.name());
		RedisNode replica = cluster.replicasOf(primary).get(0);
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.awaitFailover(replica, TIMEOUT))
			.withMessageContaining("owned no slots");
	}

	@Test
	void invalidRequestsAreRejectedBeforeAnythingChanges(ClusterTopology cluster) {
		RedisNode primary = cluster.primaryFor(0);
		RedisNode other = cluster.primaryFor(16383);
		RedisNode replica = cluster.replicasOf(primary).get(0);
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.reshard(16384, primary, other))
			.withMessageContaining("Cannot move 16384 slots from " + primary);
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.reshard(1, primary, replica))
			.withMessageContaining("it is no primary");
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.reshard(1, primary, primary));
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.failover(primary))
			.withMessageContaining("no replica");
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.primaryFor(16384));
		assertThat(cluster.primaryFor(0)).isSameAs(primary);
	}

	/**
	 * The {@code count} lowest slots {@code primary} owns, from its own CLUSTER NODES.
	 */
	private static BitSet lowestSlots(RedisNode primary, int count) {
		String nodes = TestRedis.redis(primary, PASSWORD, (c) -> c.clusterNodes());
		RedisClusterNode self = ClusterPartitionParser.parse(nodes)
			.stream()
			.filter((node) -> node.getUri().getPort() == primary.port())
			.findFirst()
			.orElseThrow();
		BitSet slots = new BitSet();
		self.getSlots().stream().sorted().limit(count).forEach(slots::set);
		return slots;
	}

}
