package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Old masters that are fenced off: nothing more is written to them, and connects aimed at
 * them go to the verified master (in cluster mode: to the node that took over the old
 * primary's slots, its successor), until they answer {@code ROLE} as a replica. A node
 * that answered {@code READONLY} is fenced the same way.
 *
 * @author redis-ha
 */
final class Fencing {

	private final Set<RedisEndpoint> fenced = ConcurrentHashMap.newKeySet();

	private final Map<RedisEndpoint, RedisEndpoint> successors = new ConcurrentHashMap<>();

	/**
	 * Fence a node.
	 * @param node the node
	 * @return whether it was not fenced before
	 */
	boolean fence(RedisEndpoint node) {
		return this.fenced.add(node);
	}

	/**
	 * Fence a node that another node took over from.
	 * @param node the node
	 * @param successor the node that took over its slots
	 * @return whether it was not fenced before
	 */
	boolean fence(RedisEndpoint node, RedisEndpoint successor) {
		this.successors.put(node, successor);
		return this.fenced.add(node);
	}

	/**
	 * Lift the fence of a node.
	 * @param node the node
	 * @return whether it was fenced
	 */
	boolean unfence(RedisEndpoint node) {
		this.successors.remove(node);
		return this.fenced.remove(node);
	}

	boolean isFenced(RedisEndpoint node) {
		return this.fenced.contains(node);
	}

	boolean isFenced(InetSocketAddress address) {
		for (RedisEndpoint node : this.fenced) {
			if (NodeAddresses.matches(node, address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where connects aimed at a fenced node go in cluster mode: its successor, or the
	 * successor's successor when that failed too.
	 * @param address the address connected to
	 * @return the first unfenced successor, or null when none is known
	 */
	@Nullable RedisEndpoint successor(InetSocketAddress address) {
		if (this.successors.isEmpty()) {
			return null;
		}
		RedisEndpoint found = null;
		for (Map.Entry<RedisEndpoint, RedisEndpoint> entry : this.successors.entrySet()) {
			if (NodeAddresses.matches(entry.getKey(), address)) {
				found = entry.getValue();
			}
		}
		// a successor may fail in turn; the chain is as long as the failovers of a shard
		for (int hops = 0; found != null && this.fenced.contains(found) && hops < this.successors.size(); hops++) {
			RedisEndpoint next = this.successors.get(found);
			if (next == null) {
				break;
			}
			found = next;
		}
		return found;
	}

	Set<RedisEndpoint> nodes() {
		return Set.copyOf(this.fenced);
	}

}
