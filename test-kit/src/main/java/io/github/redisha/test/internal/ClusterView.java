package io.github.redisha.test.internal;

import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;

/**
 * One node's {@code CLUSTER NODES}: every node it knows, with its flags, its primary and
 * the slots it owns.
 *
 * @param entries by node id, in the order of the reply
 * @author redis-ha
 */
record ClusterView(Map<String, Entry> entries) {

	static final int SLOTS = 16384;

	private static final Set<String> UNHEALTHY_FLAGS = Set.of("fail?", "fail", "handshake", "noaddr");

	/** Lettuce's flags under the names Redis prints, for messages. */
	private static final Map<NodeFlag, String> FLAG_NAMES = Map.of(NodeFlag.MYSELF, "myself", NodeFlag.MASTER, "master",
			NodeFlag.UPSTREAM, "master", NodeFlag.SLAVE, "slave", NodeFlag.REPLICA, "slave", NodeFlag.EVENTUAL_FAIL,
			"fail?", NodeFlag.FAIL, "fail", NodeFlag.HANDSHAKE, "handshake", NodeFlag.NOADDR, "noaddr",
			NodeFlag.NOFLAGS, "noflags");

	/**
	 * Parse with Lettuce's own parser, the one the starter and the application's cluster
	 * client use.
	 */
	static ClusterView parse(String clusterNodes) {
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (RedisClusterNode node : ClusterPartitionParser.parse(clusterNodes)) {
			BitSet slots = new BitSet(SLOTS);
			node.forEachSlot(slots::set);
			Set<String> flags = new HashSet<>();
			node.getFlags().forEach((flag) -> flags.add(FLAG_NAMES.getOrDefault(flag, flag.name().toLowerCase())));
			int port = (node.getUri() != null) ? node.getUri().getPort() : 0;
			entries.put(node.getNodeId(),
					new Entry(node.getNodeId(), port, Set.copyOf(flags), node.getSlaveOf(), slots));
		}
		return new ClusterView(entries);
	}

	/** The entry of the node answering, flagged {@code myself}. */
	Entry self() {
		return this.entries.values().stream().filter((e) -> e.flags().contains("myself")).findFirst().orElse(null);
	}

	/** The id of the node owning {@code slot}, or {@code null}. */
	String ownerOf(int slot) {
		for (Entry entry : this.entries.values()) {
			if (entry.slots().get(slot)) {
				return entry.id();
			}
		}
		return null;
	}

	/**
	 * What the cluster's configuration is in this view, for comparing views: each node's
	 * slots (primaries) or its primary (replicas). Flags are left out: they differ by who
	 * looks.
	 */
	Map<String, String> configuration() {
		Map<String, String> configuration = new TreeMap<>();
		for (Entry entry : this.entries.values()) {
			configuration.put(entry.id(),
					entry.isPrimary() ? "primary of " + ranges(entry.slots()) : "replica of " + entry.master());
		}
		return configuration;
	}

	static String ranges(BitSet slots) {
		StringBuilder ranges = new StringBuilder();
		for (int first = slots.nextSetBit(0); first >= 0; first = slots.nextSetBit(first)) {
			int end = slots.nextClearBit(first);
			ranges.append((ranges.length() > 0) ? "," : "").append(first);
			if (end - 1 > first) {
				ranges.append('-').append(end - 1);
			}
			first = end;
		}
		return (ranges.length() > 0) ? ranges.toString() : "no slots";
	}

	/**
	 * One line of {@code CLUSTER NODES}.
	 *
	 * @param id the node id
	 * @param port the client port
	 * @param flags e.g. {@code myself}, {@code master}, {@code slave}, {@code fail?}
	 * @param master the id of its primary, {@code null} for a primary
	 * @param slots the slots it owns
	 */
	record Entry(String id, int port, Set<String> flags, String master, BitSet slots) {

		boolean isPrimary() {
			return this.flags.contains("master");
		}

		/**
		 * Flags saying this node is not (yet) a healthy member, e.g. {@code fail?}; empty
		 * when healthy.
		 */
		List<String> unhealthyFlags() {
			return this.flags.stream().filter(UNHEALTHY_FLAGS::contains).sorted().toList();
		}

	}

}
