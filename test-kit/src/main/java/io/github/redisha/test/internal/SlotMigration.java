package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import io.github.redisha.test.RedisTopologyException;
import io.lettuce.core.MigrateArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves slots with their keys from one primary to another, the way
 * {@code redis-cli --cluster reshard} does.
 *
 * @author redis-ha
 */
final class SlotMigration {

	/** Keys per {@code MIGRATE}. */
	private static final int BATCH = 100;

	private static final long MIGRATE_TIMEOUT_MILLIS = 1500;

	private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(SlotMigration.class);

	private final ClusterNodes nodes;

	private final Probe probe;

	SlotMigration(ClusterNodes nodes, Probe probe) {
		this.nodes = nodes;
		this.probe = probe;
	}

	/**
	 * Moves the {@code count} lowest slots of {@code from} to {@code to}, then waits
	 * until every responsive node sees {@code to} as their owner.
	 * @param count how many slots to move
	 * @param from the primary that gives the slots
	 * @param to the primary that takes them
	 */
	void move(int count, ManagedRedisNode from, ManagedRedisNode to) {
		if (count < 1) {
			throw new IllegalArgumentException("slots must be >= 1 but was " + count);
		}
		if (from == to) {
			throw new IllegalArgumentException("Cannot move slots from " + from + " to itself");
		}
		ClusterView view = this.nodes.agreedView();
		String fromId = this.nodes.id(from);
		String toId = this.nodes.id(to);
		BitSet moving = slotsToMove(view, count, from, to);
		List<ManagedRedisNode> others = new ArrayList<>();
		for (ClusterView.Entry entry : view.entries().values()) {
			ManagedRedisNode node = this.nodes.node(entry.id());
			if (entry.isPrimary() && node != null && node != from && node != to && node.isResponsive()) {
				others.add(node);
			}
		}
		List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
		try {
			RedisCommands<String, String> source = open(from, connections);
			RedisCommands<String, String> target = open(to, connections);
			List<RedisCommands<String, String>> rest = new ArrayList<>();
			for (ManagedRedisNode other : others) {
				rest.add(open(other, connections));
			}
			moving.stream().forEach((slot) -> moveSlot(slot, fromId, toId, source, target, rest, to));
		}
		catch (RuntimeException ex) {
			throw new RedisTopologyException("Moving slots " + ClusterView.ranges(moving) + " from " + from + " to "
					+ to + " failed: " + Poll.describe(ex), ex);
		}
		finally {
			connections.forEach(StatefulRedisConnection::close);
		}
		awaitOwner(to, moving);
		logger.info("Moved slots {} from {} to {}", ClusterView.ranges(moving), from, to);
	}

	/**
	 * The {@code count} lowest slots of {@code from}, once both are known primaries and
	 * it owns that many.
	 * @param view the cluster as one node sees it
	 * @param count how many slots to move
	 * @param from the primary that gives the slots
	 * @param to the primary that takes them
	 * @return the slots to move
	 */
	private BitSet slotsToMove(ClusterView view, int count, ManagedRedisNode from, ManagedRedisNode to) {
		ClusterView.Entry giver = view.entries().get(this.nodes.id(from));
		if (giver == null || !giver.isPrimary() || giver.slots().cardinality() < count) {
			throw new IllegalArgumentException("Cannot move " + count + " slots from " + from + ": it owns "
					+ ((giver != null) ? ClusterView.ranges(giver.slots()) : "nothing"));
		}
		ClusterView.Entry taker = view.entries().get(this.nodes.id(to));
		if (taker == null || !taker.isPrimary()) {
			throw new IllegalArgumentException("Cannot move slots to " + to + ": it is no primary");
		}
		BitSet moving = new BitSet(ClusterView.SLOTS);
		for (int slot = giver.slots().nextSetBit(0); moving.cardinality() < count; slot = giver.slots()
			.nextSetBit(slot + 1)) {
			moving.set(slot);
		}
		return moving;
	}

	private void awaitOwner(ManagedRedisNode to, BitSet moved) {
		String toId = this.nodes.id(to);
		Poll.until("every node to see " + to.name() + " as the owner of slots " + ClusterView.ranges(moved),
				AGREEMENT_TIMEOUT, (missing) -> {
					Map<ManagedRedisNode, ClusterView> views = this.nodes.agreedViews(null, missing);
					if (views == null) {
						return null;
					}
					BitSet notYet = (BitSet) moved.clone();
					notYet.andNot(views.values().iterator().next().entries().get(toId).slots());
					if (!notYet.isEmpty()) {
						missing.add("slots " + ClusterView.ranges(notYet) + " are not owned by " + to.name());
						return null;
					}
					return Boolean.TRUE;
				});
	}

	private RedisCommands<String, String> open(ManagedRedisNode node,
			List<StatefulRedisConnection<String, String>> connections) {
		StatefulRedisConnection<String, String> connection = this.probe.connect(node.port(), node.password());
		connections.add(connection);
		return connection.sync();
	}

	private void moveSlot(int slot, String fromId, String toId, RedisCommands<String, String> source,
			RedisCommands<String, String> target, List<RedisCommands<String, String>> others, ManagedRedisNode to) {
		target.clusterSetSlotImporting(slot, fromId);
		source.clusterSetSlotMigrating(slot, toId);
		List<String> keys = source.clusterGetKeysInSlot(slot, BATCH);
		while (!keys.isEmpty()) {
			MigrateArgs<String> args = MigrateArgs.Builder.keys(keys);
			if (to.password() != null) {
				args.auth(to.password().toCharArray());
			}
			source.migrate(ManagedRedisNode.HOST, to.port(), 0, MIGRATE_TIMEOUT_MILLIS, args);
			keys = source.clusterGetKeysInSlot(slot, BATCH);
		}
		// the target first: once the source gives the slot up, clients are sent there
		target.clusterSetSlotNode(slot, toId);
		source.clusterSetSlotNode(slot, toId);
		for (RedisCommands<String, String> other : others) {
			other.clusterSetSlotNode(slot, toId);
		}
	}

}
