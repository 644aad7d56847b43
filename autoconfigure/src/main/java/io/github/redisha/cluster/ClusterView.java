package io.github.redisha.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.ClusterNodes;
import io.github.redisha.internal.ClusterNodes.Node;
import org.jspecify.annotations.Nullable;

/**
 * One node's view of the cluster, from its {@code CLUSTER NODES} reply
 * ({@link ClusterNodes}): the shards (primaries that own slots, with their replicas) and
 * the replicas it sees failing. No I/O.
 *
 * @author redis-ha
 */
final class ClusterView {

	private final Map<RedisEndpoint, Shard> shards;

	private final Set<RedisEndpoint> failingReplicas;

	private ClusterView(Map<RedisEndpoint, Shard> shards, Set<RedisEndpoint> failingReplicas) {
		this.shards = shards;
		this.failingReplicas = failingReplicas;
	}

	/**
	 * Parse a {@code CLUSTER NODES} reply.
	 * @param reply the reply
	 * @return the view, or null for an empty or unparsable reply
	 */
	static @Nullable ClusterView parse(@Nullable String reply) {
		ClusterNodes nodes = ClusterNodes.parse(reply);
		if (nodes == null) {
			return null;
		}
		Map<RedisEndpoint, Shard> shards = new LinkedHashMap<>();
		for (ClusterNodes.Shard shard : nodes.shards()) {
			RedisEndpoint primary = shard.primary().endpoint();
			if (primary != null) {
				List<RedisEndpoint> replicas = shard.replicas()
					.stream()
					.map(Node::endpoint)
					.filter(Objects::nonNull)
					.toList();
				shards.put(primary, new Shard(primary, shard.primary().slots().get(0),
						"slots " + shard.primary().slotRanges(), replicas, shard.primary().isFailing()));
			}
		}
		Set<RedisEndpoint> failingReplicas = nodes.nodes()
			.stream()
			.filter((node) -> !node.isPrimary() && node.isFailing() && node.endpoint() != null)
			.map(Node::endpoint)
			.collect(Collectors.toUnmodifiableSet());
		return new ClusterView(Map.copyOf(shards), failingReplicas);
	}

	/**
	 * The shards, by primary.
	 * @return the shards
	 */
	Map<RedisEndpoint, Shard> shards() {
		return this.shards;
	}

	/**
	 * The primaries that own slots.
	 * @return the primaries
	 */
	Set<RedisEndpoint> primaries() {
		return this.shards.keySet();
	}

	/**
	 * Replicas flagged {@code fail?} or {@code fail}.
	 * @return the replicas
	 */
	Set<RedisEndpoint> failingReplicas() {
		return this.failingReplicas;
	}

	/**
	 * The shard that owns {@code slot}.
	 * @param slot the slot
	 * @return the shard, or null when no primary owns it
	 */
	@Nullable Shard shardOf(int slot) {
		for (Shard shard : this.shards.values()) {
			if (shard.firstSlot() == slot || owns(shard, slot)) {
				return shard;
			}
		}
		return null;
	}

	private static boolean owns(Shard shard, int slot) {
		for (String range : shard.slots().substring("slots ".length()).split(",")) {
			int dash = range.indexOf('-');
			int from = Integer.parseInt((dash < 0) ? range : range.substring(0, dash));
			int to = (dash < 0) ? from : Integer.parseInt(range.substring(dash + 1));
			if (slot >= from && slot <= to) {
				return true;
			}
		}
		return false;
	}

}
