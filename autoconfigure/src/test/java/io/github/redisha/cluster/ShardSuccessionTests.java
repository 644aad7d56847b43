package io.github.redisha.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.CannedClusterReplies;
import io.github.redisha.internal.NodeRole;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which node is a shard's primary, from {@code CLUSTER NODES} replies and {@code ROLE}
 * answers, without I/O.
 */
class ShardSuccessionTests {

	private static final RedisEndpoint P0 = new RedisEndpoint("127.0.0.1", 7000);

	private static final RedisEndpoint R0 = new RedisEndpoint("127.0.0.1", 7003);

	private static final RedisEndpoint R1 = new RedisEndpoint("127.0.0.1", 7004);

	@Test
	void readsTheShardsOfAView() {
		ClusterView view = ClusterView.parse(CannedClusterReplies.HEALTHY);
		assertThat(view).isNotNull();
		assertThat(view.primaries()).hasSize(3).contains(P0);
		Shard shard = view.shards().get(P0);
		assertThat(shard.firstSlot()).isZero();
		assertThat(shard.slots()).isEqualTo("slots 0-5460");
		assertThat(shard.replicas()).containsExactly(R0);
		assertThat(shard.failing()).isFalse();
		assertThat(view.failingReplicas()).isEmpty();
		assertThat(view.shardOf(5461).primary()).isEqualTo(new RedisEndpoint("127.0.0.1", 7001));
	}

	@Test
	void describesSlotRangesWithGaps() {
		ClusterView view = ClusterView
			.parse("a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-100 200 300-301");
		assertThat(view.shards().get(P0).slots()).isEqualTo("slots 0-100,200,300-301");
		assertThat(view.shardOf(200).primary()).isEqualTo(P0);
		assertThat(view.shardOf(301).primary()).isEqualTo(P0);
		assertThat(view.shardOf(150)).isNull();
	}

	@Test
	void flagsAPrimaryTheClusterSuspects() {
		ClusterView view = ClusterView.parse(CannedClusterReplies.PRIMARY_SUSPECTED);
		assertThat(view.shards().get(P0).failing()).isTrue();
		assertThat(ShardSuccession.successor(shard(CannedClusterReplies.HEALTHY), view))
			.as("suspected, not failed over")
			.isNull();
	}

	@Test
	void namesThePromotedReplicaAsTheSuccessor() {
		ClusterView after = ClusterView.parse(CannedClusterReplies.FAILED_OVER);
		assertThat(ShardSuccession.successor(shard(CannedClusterReplies.HEALTHY), after)).isEqualTo(R0);
		assertThat(after.primaries()).doesNotContain(P0).contains(R0);
		assertThat(after.failingReplicas()).containsExactly(R1);
	}

	@Test
	void noSuccessorWhileTheOwnerIsUnchanged() {
		assertThat(ShardSuccession.successor(shard(CannedClusterReplies.HEALTHY),
				ClusterView.parse(CannedClusterReplies.HEALTHY)))
			.isNull();
	}

	@Test
	void aSlotMovedToAnotherPrimaryIsResharded() {
		String resharded = CannedClusterReplies.HEALTHY
			.replace("master - 0 1700000000000 1 connected 0-5460", "master - 0 1700000000000 1 connected 1000-5460")
			.replace("connected 5461-10922", "connected 0-999 5461-10922");
		assertThat(ShardSuccession.successor(shard(CannedClusterReplies.HEALTHY), ClusterView.parse(resharded)))
			.isNull();
	}

	@Test
	void noSuccessorWhenTheNewOwnerIsFailingItself() {
		String failing = CannedClusterReplies.FAILED_OVER.replace("d4 127.0.0.1:7003@17003 master -",
				"d4 127.0.0.1:7003@17003 master,fail -");
		assertThat(ShardSuccession.successor(shard(CannedClusterReplies.HEALTHY), ClusterView.parse(failing))).isNull();
	}

	@Test
	void rejectsEmptyAndUnparsableReplies() {
		assertThat(ClusterView.parse(null)).isNull();
		assertThat(ClusterView.parse(" ")).isNull();
		assertThat(ClusterView.parse("not a cluster nodes reply")).isNull();
	}

	@Test
	void theReplicaThatAnswersMasterIsPromoted() {
		Map<RedisEndpoint, @Nullable NodeRole> roles = new HashMap<>();
		roles.put(R0, new NodeRole("slave", P0));
		roles.put(R1, null);
		assertThat(ShardSuccession.promoted(roles)).isNull();
		roles.put(R1, new NodeRole("master", null));
		assertThat(ShardSuccession.promoted(roles)).isEqualTo(R1);
	}

	@Test
	void aPrimaryThatAnswersWithItsReplicasStillFollowingIsAFalseAlarm() {
		Map<RedisEndpoint, @Nullable NodeRole> roles = new HashMap<>();
		roles.put(R0, new NodeRole("slave", P0));
		NodeRole master = new NodeRole("master", null);
		assertThat(ShardSuccession.falseAlarm(P0, master, roles, List.of(R0))).isTrue();
		assertThat(ShardSuccession.falseAlarm(P0, null, roles, List.of(R0))).as("no answer").isFalse();
		roles.put(R0, new NodeRole("master", null));
		assertThat(ShardSuccession.falseAlarm(P0, master, roles, List.of(R0))).as("its replica took over").isFalse();
		roles.put(R0, new NodeRole("slave", R1));
		assertThat(ShardSuccession.falseAlarm(P0, master, roles, List.of(R0))).as("its replica follows another")
			.isFalse();
	}

	@Test
	void aWatchEndsOnlyWhenThePrimaryAndEveryReplicaAnswered() {
		Shard shard = shard(CannedClusterReplies.HEALTHY);
		PrimaryWatch watch = new PrimaryWatch(shard);
		watch.answered(P0, new NodeRole("master", null));
		assertThat(watch.falseAlarm()).as("the replica has not answered").isFalse();
		watch.answered(R0, new NodeRole("slave", P0));
		assertThat(watch.falseAlarm()).isTrue();
		watch.answered(R0, new NodeRole("master", null));
		assertThat(watch.promotedReplica()).isEqualTo(R0);
	}

	private static Shard shard(String view) {
		return ClusterView.parse(view).shards().get(P0);
	}

}
