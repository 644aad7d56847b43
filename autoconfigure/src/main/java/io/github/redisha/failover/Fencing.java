package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.connection.RedisEndpoint;

/**
 * Old masters that are fenced off: nothing more is written to them, and connects aimed at
 * them go to the verified master, until they answer {@code ROLE} as a replica. A node
 * that answered {@code READONLY} is fenced the same way.
 *
 * @author redis-ha
 */
final class Fencing {

	private final Set<RedisEndpoint> fenced = ConcurrentHashMap.newKeySet();

	/**
	 * Fence a node.
	 * @param node the node
	 * @return whether it was not fenced before
	 */
	boolean fence(RedisEndpoint node) {
		return this.fenced.add(node);
	}

	/**
	 * Lift the fence of a node.
	 * @param node the node
	 * @return whether it was fenced
	 */
	boolean unfence(RedisEndpoint node) {
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

	Set<RedisEndpoint> nodes() {
		return Set.copyOf(this.fenced);
	}

}
