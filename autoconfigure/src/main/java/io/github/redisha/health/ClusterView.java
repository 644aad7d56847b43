package io.github.redisha.health;

import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.ClusterInfo;
import io.github.redisha.internal.ClusterNodes;
import io.github.redisha.internal.ClusterNodes.Node;
import io.github.redisha.internal.ClusterNodes.Shard;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;

/**
 * One cluster node's view of the cluster: its {@code CLUSTER INFO} ({@link ClusterInfo})
 * and {@code CLUSTER NODES} ({@link ClusterNodes}) replies: the state, the slot counts
 * and the shards (each primary that owns slots, with the replicas the node lists for it).
 *
 * @param answeredBy the node that answered
 * @param info the {@code CLUSTER INFO} fields
 * @param shards the primaries owning slots, in the order the node listed them
 * @author redis-ha
 */
record ClusterView(RedisEndpoint answeredBy, ClusterInfo info, List<Shard> shards) {

	static ClusterView parse(RedisEndpoint answeredBy, String clusterInfo, String clusterNodes) {
		ClusterNodes nodes = ClusterNodes.parse(clusterNodes);
		if (nodes == null) {
			throw new IllegalStateException("the CLUSTER NODES reply of " + answeredBy + " could not be read");
		}
		return new ClusterView(answeredBy, ClusterInfo.parse(clusterInfo), nodes.shards());
	}

	String state() {
		return this.info.state();
	}

	long count(String field) {
		return this.info.count(field);
	}

	/**
	 * How the cluster sees a node: {@code fail} (agreed to be down), {@code pfail} (the
	 * node asked cannot reach it), {@code disconnected} (no bus link) or {@code ok}.
	 * @param node the node
	 * @return the status
	 */
	static String clusterStatus(Node node) {
		if (node.is(NodeFlag.FAIL)) {
			return "fail";
		}
		if (node.is(NodeFlag.EVENTUAL_FAIL)) {
			return "pfail";
		}
		return (node.connected() || node.is(NodeFlag.MYSELF)) ? "ok" : "disconnected";
	}

	static String address(Node node) {
		return (node.endpoint() != null) ? node.endpoint().toString() : "unknown";
	}

}
