package io.github.redisha.test.internal;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What the cluster's waits check: whether it is healthy, and who owns a set of slots.
 *
 * @author redis-ha
 */
final class ClusterHealth {

	private final ClusterNodes nodes;

	private final Probe probe;

	ClusterHealth(ClusterNodes nodes, Probe probe) {
		this.nodes = nodes;
		this.probe = probe;
	}

	/**
	 * Every responsive node: {@code cluster_state:ok}, all slots ok, sees the other
	 * responsive nodes without bad flags, agrees with the others on the configuration;
	 * every responsive replica is linked to a responsive primary. Returns the agreed
	 * view, or {@code null} with what is missing.
	 * @param missing collects what is not yet healthy
	 * @return the agreed view, or {@code null}
	 */
	ClusterView check(List<String> missing) {
		Map<ManagedRedisNode, ClusterView> views = this.nodes.agreedViews(null, missing);
		for (ManagedRedisNode node : this.nodes.responsive()) {
			checkInfo(node, missing);
		}
		if (views == null) {
			return null;
		}
		for (Map.Entry<ManagedRedisNode, ClusterView> entry : views.entrySet()) {
			ManagedRedisNode node = entry.getKey();
			ClusterView view = entry.getValue();
			for (ManagedRedisNode other : views.keySet()) {
				ClusterView.Entry seen = view.entries().get(this.nodes.id(other));
				if (seen == null) {
					missing.add(node.name() + " does not know " + other.name());
				}
				else if (!seen.unhealthyFlags().isEmpty()) {
					missing.add(node.name() + " sees " + other.name() + " as " + seen.unhealthyFlags());
				}
			}
			ClusterView.Entry self = view.self();
			if (self != null && !self.isPrimary()) {
				checkReplica(node, this.nodes.node(self.master()), missing);
			}
		}
		return missing.isEmpty() ? views.values().iterator().next() : null;
	}

	private void checkInfo(ManagedRedisNode node, List<String> missing) {
		Map<String, String> info;
		try {
			info = this.nodes.info(node);
		}
		catch (RuntimeException ex) {
			missing.add(node + " did not answer CLUSTER INFO: " + Poll.describe(ex));
			return;
		}
		if (!"ok".equals(info.get("cluster_state"))
				|| !String.valueOf(ClusterView.SLOTS).equals(info.get("cluster_slots_ok"))) {
			missing.add(node.name() + " reports cluster_state:" + info.get("cluster_state") + ", cluster_slots_ok:"
					+ info.get("cluster_slots_ok") + ", cluster_slots_pfail:" + info.get("cluster_slots_pfail")
					+ ", cluster_slots_fail:" + info.get("cluster_slots_fail"));
		}
	}

	private void checkReplica(ManagedRedisNode replica, ManagedRedisNode primary, List<String> missing) {
		if (primary == null || !primary.isResponsive()) {
			missing.add(replica.name() + " replicates " + ((primary != null) ? primary.name() : "an unknown node")
					+ ", which is not running or frozen");
			return;
		}
		ReplicaSync.check(this.probe, replica, primary, missing);
	}

	/**
	 * The node other than {@code old} that owns all of {@code slots} in the agreed view
	 * of the responsive nodes (but {@code excluded}, may be {@code null}), answers
	 * {@code ROLE master} and reports {@code cluster_state:ok}; else {@code null}, with
	 * what is missing.
	 * @param old the node that owned the slots before
	 * @param excluded a node whose view does not count, or {@code null}
	 * @param slots the slots the new owner must own
	 * @param missing collects what is not yet as expected
	 * @return the new owner, or {@code null}
	 */
	ManagedRedisNode newOwner(ManagedRedisNode old, ManagedRedisNode excluded, BitSet slots, List<String> missing) {
		Map<ManagedRedisNode, ClusterView> views = this.nodes.agreedViews(excluded, missing);
		if (views == null) {
			return null;
		}
		ClusterView view = views.values().iterator().next();
		String ownerId = view.ownerOf(slots.nextSetBit(0));
		if (ownerId == null || ownerId.equals(this.nodes.id(old))) {
			missing.add("the nodes still see " + old.name() + " (or nobody) as the owner of slots "
					+ ClusterView.ranges(slots));
			return null;
		}
		ClusterView.Entry owner = view.entries().get(ownerId);
		BitSet notOwned = (BitSet) slots.clone();
		notOwned.andNot(owner.slots());
		if (!notOwned.isEmpty()) {
			missing.add(this.nodes.describe(ownerId) + " does not own slots " + ClusterView.ranges(notOwned) + " yet");
			return null;
		}
		ManagedRedisNode node = this.nodes.node(ownerId);
		if (node == null || !node.isResponsive()) {
			missing.add("the new owner " + this.nodes.describe(ownerId) + " is not running or frozen");
			return null;
		}
		String role = this.probe.role(node.port(), node.password());
		if (!"master".equals(role)) {
			missing.add("the new owner " + node.name() + " answers ROLE " + role);
			return null;
		}
		String state = this.nodes.info(node).get("cluster_state");
		if (!"ok".equals(state)) {
			missing.add("the new owner " + node.name() + " reports cluster_state:" + state);
			return null;
		}
		return node;
	}

}
