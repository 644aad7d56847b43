package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.BitSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planned failovers of a shard, and waiting for the failover the cluster does by itself.
 *
 * @author redis-ha
 */
final class ClusterFailovers {

	private static final Logger logger = LoggerFactory.getLogger(ClusterFailovers.class);

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

	private final ClusterNodes nodes;

	private final ClusterHealth health;

	ClusterFailovers(ClusterNodes nodes, ClusterHealth health) {
		this.nodes = nodes;
		this.health = health;
	}

	/**
	 * {@code CLUSTER FAILOVER} on {@code candidate}; waits until it owns its primary's
	 * slots.
	 * @param candidate the replica to promote
	 */
	void failover(ManagedRedisNode candidate) {
		ClusterView view = this.nodes.agreedView();
		ClusterView.Entry entry = view.entries().get(this.nodes.id(candidate));
		if (entry == null || entry.isPrimary()) {
			throw new IllegalArgumentException("Cannot fail over to " + candidate + ": it is no replica");
		}
		ManagedRedisNode primary = this.nodes.node(entry.master());
		BitSet slots = view.entries().get(entry.master()).slots();
		String reply = this.nodes.call(candidate, (c) -> c.clusterFailover(false));
		logger.info("{} accepted CLUSTER FAILOVER: {}", candidate, reply);
		Poll.until(candidate.name() + " to take over slots " + ClusterView.ranges(slots) + " from " + primary.name(),
				FAILOVER_TIMEOUT, (missing) -> {
					ManagedRedisNode owner = this.health.newOwner(primary, null, slots, missing);
					if (owner != null && owner != candidate) {
						missing.add("the slots went to " + owner.name() + " instead");
						return null;
					}
					return owner;
				});
	}

	/**
	 * Waits until another node owns the slots {@code old} owned; returns it.
	 * @param old the primary that is failing over
	 * @param timeout how long to wait for another owner
	 * @return the node that owns the slots now
	 */
	ManagedRedisNode awaitFailover(ManagedRedisNode old, Duration timeout) {
		BitSet slots = slotsOf(old);
		ManagedRedisNode owner = Poll.until(
				"another node to take over slots " + ClusterView.ranges(slots) + " of " + old.name()
						+ ", answering ROLE master with cluster_state:ok",
				timeout, (missing) -> this.health.newOwner(old, old, slots, missing));
		logger.info("{} took over the slots of {}", owner, old);
		return owner;
	}

	/**
	 * The slots {@code old} owns as the other nodes see it now, else as all nodes last
	 * agreed.
	 * @param old the primary whose slots are looked up
	 * @return the slots it owns
	 */
	private BitSet slotsOf(ManagedRedisNode old) {
		String id = this.nodes.id(old);
		for (ManagedRedisNode node : this.nodes.responsive()) {
			try {
				ClusterView.Entry entry = (node != old) ? this.nodes.view(node).entries().get(id) : null;
				if (entry != null && !entry.slots().isEmpty()) {
					return entry.slots();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("{} did not answer CLUSTER NODES", node, ex);
			}
		}
		ClusterView last = this.nodes.lastAgreed();
		ClusterView.Entry entry = (last != null) ? last.entries().get(id) : null;
		if (entry == null || entry.slots().isEmpty()) {
			throw new IllegalArgumentException(old + " owned no slots: it was no primary");
		}
		return entry.slots();
	}

}
