package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.List;

import io.github.redisha.test.ClusterTopology;
import io.lettuce.core.Range;

/**
 * Forms a cluster out of freshly started, empty cluster-enabled nodes with plain cluster
 * commands, as {@code redis-cli --cluster create} does: slots to the primaries, distinct
 * config epochs, {@code MEET}, then {@code REPLICATE}.
 *
 * @author redis-ha
 */
final class ClusterFormation {

	private ClusterFormation() {
	}

	/**
	 * Slot ranges, primaries and replicas as in {@code redis-cli --cluster create}:
	 * primary {@code i} of {@code n} owns {@code i*16384/n} to {@code (i+1)*16384/n - 1}.
	 * @param nodes the nodes of the cluster, already started
	 * @param spec the number of primaries and replicas
	 * @param timeout how long to wait for the cluster to be healthy
	 */
	static void form(ClusterNodes nodes, ClusterTopology.Spec spec, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ManagedRedisNode> all = nodes.all();
		int primaries = spec.primaries();
		for (int i = 0; i < primaries; i++) {
			Range<Integer> range = Range.create(i * ClusterView.SLOTS / primaries,
					(i + 1) * ClusterView.SLOTS / primaries - 1);
			nodes.call(all.get(i), (c) -> c.clusterAddSlotsRange(range));
		}
		for (int i = 0; i < all.size(); i++) {
			// distinct epochs: no epoch collision for the cluster to resolve before the
			// slots settle
			long epoch = i + 1;
			nodes.call(all.get(i), (c) -> c.clusterSetConfigEpoch(epoch));
		}
		ManagedRedisNode first = all.get(0);
		for (ManagedRedisNode other : all.subList(1, all.size())) {
			nodes.call(first, (c) -> c.clusterMeet(ManagedRedisNode.HOST, other.port()));
		}
		// CLUSTER REPLICATE needs the replica to know its primary
		Poll.until("every node to know all " + all.size() + " nodes", Poll.remaining(deadline), (missing) -> {
			for (ManagedRedisNode node : all) {
				ClusterView view = nodes.view(node);
				for (ManagedRedisNode other : all) {
					ClusterView.Entry entry = view.entries().get(nodes.id(other));
					if (entry == null) {
						missing.add(node.name() + " does not know " + other.name() + " yet");
					}
					else if (!entry.unhealthyFlags().isEmpty()) {
						missing.add(node.name() + " sees " + other.name() + " as " + entry.unhealthyFlags());
					}
				}
			}
			return missing.isEmpty() ? Boolean.TRUE : null;
		});
		for (int k = 0; k < all.size() - primaries; k++) {
			String primaryId = nodes.id(all.get(k % primaries));
			nodes.call(all.get(primaries + k), (c) -> c.clusterReplicate(primaryId));
		}
	}

}
