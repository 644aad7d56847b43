package io.github.redisha.test.internal;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

	static ClusterView parse(String clusterNodes) {
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (String line : clusterNodes.split("\r?\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length < 8) {
				continue;
			}
			// <ip>:<port>@<cport>[,<hostname>]
			String address = fields[1].split("[@,]")[0];
			int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
			BitSet slots = new BitSet(SLOTS);
			for (int i = 8; i < fields.length; i++) {
				// "[slot->-id]" / "[slot-<-id]" mark slots being migrated: still owned as
				// listed elsewhere
				if (fields[i].startsWith("[")) {
					continue;
				}
				int dash = fields[i].indexOf('-');
				int first = Integer.parseInt((dash < 0) ? fields[i] : fields[i].substring(0, dash));
				int last = (dash < 0) ? first : Integer.parseInt(fields[i].substring(dash + 1));
				slots.set(first, last + 1);
			}
			String master = "-".equals(fields[3]) ? null : fields[3];
			entries.put(fields[0], new Entry(fields[0], port, Set.of(fields[2].split(",")), master, slots));
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
