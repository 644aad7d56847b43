package io.github.redisha.internal;

import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.ClusterNodes.Node;
import io.github.redisha.internal.ClusterNodes.Shard;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterNodes} and {@link ClusterInfo}, the one parser of each reply.
 *
 * @author redis-ha
 */
class ClusterNodesTests {

	private static final String REPLY = """
			a1 127.0.0.1:7000@17000 master,fail? - 0 1700000000000 1 connected 0-5460 [5461->-b2]
			b2 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
			c3 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923 10925-16383
			d4 127.0.0.1:7003@17003 slave a1 0 1700000000000 1 connected
			e5 :0@0 slave,noaddr b2 0 0 2 disconnected
			f6 127.0.0.1:7005@17005 slave,fail c3 1700000000000 1700000000000 3 disconnected
			g7 127.0.0.1:7006@17006 master - 0 0 0 connected
			""";

	@Test
	void readsEveryNodeWithItsFlagsPrimaryLinkAndSlots() {
		ClusterNodes nodes = ClusterNodes.parse(REPLY);
		assertThat(nodes).isNotNull();
		assertThat(nodes.nodes()).extracting(Node::id).containsExactly("a1", "b2", "c3", "d4", "e5", "f6", "g7");
		Node a1 = nodes.nodes().get(0);
		assertThat(a1.endpoint()).isEqualTo(new RedisEndpoint("127.0.0.1", 7000));
		assertThat(a1.isPrimary()).isTrue();
		assertThat(a1.isFailing()).isTrue();
		assertThat(a1.slotRanges()).as("a slot being migrated stays where it is listed").isEqualTo("0-5460");
		assertThat(nodes.nodes().get(1).is(NodeFlag.MYSELF)).isTrue();
		assertThat(nodes.nodes().get(2).slotRanges()).isEqualTo("10923,10925-16383");
		Node d4 = nodes.nodes().get(3);
		assertThat(d4.isPrimary()).isFalse();
		assertThat(d4.primaryId()).isEqualTo("a1");
		assertThat(d4.connected()).isTrue();
		Node e5 = nodes.nodes().get(4);
		assertThat(e5.endpoint()).as("noaddr").isNull();
		assertThat(e5.connected()).isFalse();
		assertThat(nodes.nodes().get(5).isFailing()).isTrue();
	}

	@Test
	void shardsArePrimariesThatOwnSlotsWithTheirReplicas() {
		List<Shard> shards = ClusterNodes.parse(REPLY).shards();
		assertThat(shards).extracting((shard) -> shard.primary().id()).containsExactly("a1", "b2", "c3");
		assertThat(shards.get(0).replicas()).extracting(Node::id).containsExactly("d4");
		assertThat(shards.get(1).replicas()).extracting(Node::id).containsExactly("e5");
	}

	@Test
	void anEmptyOrUnreadableReplyIsNoView() {
		assertThat(ClusterNodes.parse(null)).isNull();
		assertThat(ClusterNodes.parse(" \n")).isNull();
		assertThat(ClusterNodes.parse("a1 127.0.0.1:notaport master - x y z connected 0-10")).isNull();
	}

	@Test
	void slotRanges() {
		assertThat(ClusterNodes.ranges(List.of())).isEmpty();
		assertThat(ClusterNodes.ranges(List.of(7))).isEqualTo("7");
		assertThat(ClusterNodes.ranges(List.of(0, 1, 2, 5, 7, 8))).isEqualTo("0-2,5,7-8");
	}

	@Test
	void clusterInfoFields() {
		ClusterInfo info = ClusterInfo.parse("cluster_state:fail\r\ncluster_slots_assigned:16384\r\n"
				+ "cluster_slots_ok:10923\r\ncluster_slots_pfail:x\r\n");
		assertThat(info.state()).isEqualTo("fail");
		assertThat(info.count("cluster_slots_ok")).isEqualTo(10923);
		assertThat(info.count("cluster_slots_pfail")).as("not a number").isZero();
		assertThat(info.count("cluster_slots_fail")).as("missing").isZero();
		assertThat(info.fields()).containsOnlyKeys("cluster_state", "cluster_slots_assigned", "cluster_slots_ok",
				"cluster_slots_pfail");
		assertThat(ClusterInfo.parse("").state()).isEqualTo("unknown");
	}

}
