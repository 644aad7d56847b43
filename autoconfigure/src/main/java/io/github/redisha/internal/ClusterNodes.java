package io.github.redisha.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.redisha.RedisEndpoint;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import org.jspecify.annotations.Nullable;

/**
 * The one parser of a {@code CLUSTER NODES} reply, for the cluster engine and the health
 * check: Lettuce's own ({@link ClusterPartitionParser}, what the application's cluster
 * client reads too), turned into every node the reply lists and the shards (primaries
 * that own slots, with the replicas listed for them). No I/O.
 *
 * @param nodes every node, in the order of the reply
 * @author redis-ha
 */
public record ClusterNodes(List<Node> nodes) {

	/**
	 * Parse a {@code CLUSTER NODES} reply.
	 * @param reply the reply
	 * @return the nodes, or null for an empty or unparsable reply
	 */
	public static @Nullable ClusterNodes parse(@Nullable String reply) {
		if (reply == null || reply.isBlank()) {
			return null;
		}
		Partitions partitions;
		try {
			partitions = ClusterPartitionParser.parse(reply);
		}
		catch (RuntimeException ex) {
			return null;
		}
		List<Node> nodes = new ArrayList<>();
		for (RedisClusterNode node : partitions) {
			nodes.add(new Node(node.getNodeId(), endpoint(node), Set.copyOf(node.getFlags()), node.getSlaveOf(),
					node.isConnected(), List.copyOf(node.getSlots())));
		}
		return new ClusterNodes(List.copyOf(nodes));
	}

	/**
	 * The primaries that own slots, each with the replicas listed for it, in the order of
	 * the reply.
	 * @return the shards
	 */
	public List<Shard> shards() {
		List<Shard> shards = new ArrayList<>();
		for (Node node : this.nodes) {
			if (node.isPrimary() && !node.slots().isEmpty()) {
				List<Node> replicas = this.nodes.stream().filter((each) -> node.id().equals(each.primaryId())).toList();
				shards.add(new Shard(node, replicas));
			}
		}
		return List.copyOf(shards);
	}

	private static @Nullable RedisEndpoint endpoint(RedisClusterNode node) {
		RedisURI uri = node.getUri();
		if (node.is(NodeFlag.NOADDR) || uri == null || uri.getPort() <= 0) {
			return null;
		}
		return new RedisEndpoint(uri.getHost(), uri.getPort());
	}

	/**
	 * Whether flags make a node a primary.
	 * @param flags the flags
	 * @return whether they include {@code master}
	 */
	public static boolean isPrimary(Set<NodeFlag> flags) {
		return flags.contains(NodeFlag.UPSTREAM) || flags.contains(NodeFlag.MASTER);
	}

	/**
	 * Whether flags say the answering node sees the node failing.
	 * @param flags the flags
	 * @return whether they include {@code fail?} or {@code fail}
	 */
	public static boolean isFailing(Set<NodeFlag> flags) {
		return flags.contains(NodeFlag.FAIL) || flags.contains(NodeFlag.EVENTUAL_FAIL);
	}

	/**
	 * Slots as ranges, e.g. {@code 0-5460,5462}.
	 * @param slots the slots, ascending
	 * @return the ranges, empty for no slot
	 */
	public static String ranges(List<Integer> slots) {
		StringBuilder ranges = new StringBuilder();
		int i = 0;
		while (i < slots.size()) {
			int first = slots.get(i);
			int last = first;
			while (i + 1 < slots.size() && slots.get(i + 1) == last + 1) {
				last = slots.get(++i);
			}
			ranges.append((ranges.length() > 0) ? "," : "").append(first);
			if (last != first) {
				ranges.append('-').append(last);
			}
			i++;
		}
		return ranges.toString();
	}

	/**
	 * One line of {@code CLUSTER NODES}.
	 *
	 * @param id the node id
	 * @param endpoint the address clients use, {@code null} for a node without one
	 * ({@code noaddr})
	 * @param flags its flags
	 * @param primaryId the id of the primary it replicates, {@code null} for a primary
	 * @param connected whether the cluster bus link is up
	 * @param slots the slots it owns, ascending (slots being migrated count where they
	 * are listed as owned)
	 */
	public record Node(String id, @Nullable RedisEndpoint endpoint, Set<NodeFlag> flags, @Nullable String primaryId,
			boolean connected, List<Integer> slots) {

		public boolean isPrimary() {
			return ClusterNodes.isPrimary(this.flags);
		}

		/**
		 * Whether the answering node sees this one failing: {@code fail?} or
		 * {@code fail}.
		 * @return whether it is flagged failing
		 */
		public boolean isFailing() {
			return ClusterNodes.isFailing(this.flags);
		}

		public boolean is(NodeFlag flag) {
			return this.flags.contains(flag);
		}

		/**
		 * Its slots as ranges.
		 * @return e.g. {@code 0-5460}
		 */
		public String slotRanges() {
			return ranges(this.slots);
		}

	}

	/**
	 * A primary that owns slots and the replicas listed for it.
	 *
	 * @param primary the primary
	 * @param replicas its replicas
	 */
	public record Shard(Node primary, List<Node> replicas) {

	}

}
