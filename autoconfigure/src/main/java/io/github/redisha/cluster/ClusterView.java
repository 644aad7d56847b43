package io.github.redisha.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.redisha.RedisEndpoint;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import org.jspecify.annotations.Nullable;

/**
 * One node's view of the cluster, parsed from its {@code CLUSTER NODES} reply with
 * Lettuce's own parser: the shards (primaries that own slots, with their replicas) and
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
		Map<String, RedisClusterNode> byId = new LinkedHashMap<>();
		partitions.forEach((node) -> byId.put(node.getNodeId(), node));
		Map<RedisEndpoint, Shard> shards = new LinkedHashMap<>();
		for (RedisClusterNode node : partitions) {
			if (isPrimary(node) && !node.getSlots().isEmpty() && hasAddress(node)) {
				List<RedisEndpoint> replicas = new ArrayList<>();
				for (RedisClusterNode candidate : partitions) {
					if (node.getNodeId().equals(candidate.getSlaveOf()) && hasAddress(candidate)) {
						replicas.add(endpoint(candidate));
					}
				}
				RedisEndpoint primary = endpoint(node);
				shards.put(primary, new Shard(primary, node.getSlots().get(0), ranges(node.getSlots()),
						List.copyOf(replicas), isFailing(node)));
			}
		}
		Set<RedisEndpoint> failingReplicas = partitions.stream()
			.filter((node) -> !isPrimary(node) && isFailing(node) && hasAddress(node))
			.map(ClusterView::endpoint)
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

	static boolean isPrimary(RedisClusterNode node) {
		return node.is(NodeFlag.UPSTREAM) || node.is(NodeFlag.MASTER);
	}

	static boolean isFailing(RedisClusterNode node) {
		return node.is(NodeFlag.FAIL) || node.is(NodeFlag.EVENTUAL_FAIL);
	}

	private static boolean hasAddress(RedisClusterNode node) {
		return !node.is(NodeFlag.NOADDR) && node.getUri() != null && node.getUri().getPort() > 0;
	}

	private static RedisEndpoint endpoint(RedisClusterNode node) {
		return new RedisEndpoint(node.getUri().getHost(), node.getUri().getPort());
	}

	private static String ranges(List<Integer> slots) {
		StringBuilder ranges = new StringBuilder("slots ");
		int start = slots.get(0);
		int previous = start;
		for (int i = 1; i <= slots.size(); i++) {
			int slot = (i < slots.size()) ? slots.get(i) : -1;
			if (slot != previous + 1) {
				ranges.append(start);
				if (previous != start) {
					ranges.append('-').append(previous);
				}
				if (i < slots.size()) {
					ranges.append(',');
				}
				start = slot;
			}
			previous = slot;
		}
		return ranges.toString();
	}

}
