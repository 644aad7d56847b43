package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeReachability;

/**
 * Which data nodes cannot be reached right now: seen by the client's own channels (a
 * refused connect, a connection dropped by the peer) and reported by the sentinels
 * ({@code +sdown}). Nodes that refused a connect are remembered until a channel to them
 * is active or they answer a probe.
 *
 * @author redis-ha
 */
final class Reachability implements NodeReachability {

	private final ConcurrentHashMap<String, Boolean> unreachable = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Boolean> reportedDown = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, RedisEndpoint> refused = new ConcurrentHashMap<>();

	@Override
	public boolean isUnreachable(String host, int port) {
		String key = NodeAddresses.key(host, port);
		return this.unreachable.containsKey(key) || this.reportedDown.containsKey(key);
	}

	@Override
	public boolean anyUnreachable() {
		return !this.unreachable.isEmpty() || !this.reportedDown.isEmpty();
	}

	/**
	 * A sentinel reports a node down or up again.
	 * @param node the node
	 * @param down whether it is down
	 * @return whether this changed what is known
	 */
	boolean reportedDown(RedisEndpoint node, boolean down) {
		String key = NodeAddresses.key(node);
		return down ? this.reportedDown.put(key, Boolean.TRUE) == null : this.reportedDown.remove(key) != null;
	}

	boolean isReportedDown(InetSocketAddress address) {
		return !this.reportedDown.isEmpty() && (this.reportedDown.containsKey(NodeAddresses.key(address))
				|| this.reportedDown.containsKey(NodeAddresses.key(address.getHostString(), address.getPort())));
	}

	boolean isRefused(InetSocketAddress address) {
		return !this.refused.isEmpty() && this.refused.containsKey(NodeAddresses.key(address));
	}

	Set<RedisEndpoint> refusedNodes() {
		return Set.copyOf(this.refused.values());
	}

	void connectRefused(InetSocketAddress address) {
		markUnreachable(address);
		this.refused.put(NodeAddresses.key(address), NodeAddresses.endpoint(address));
	}

	void dropped(InetSocketAddress address) {
		markUnreachable(address);
	}

	void reached(InetSocketAddress address) {
		if (!this.unreachable.isEmpty()) {
			this.unreachable.remove(NodeAddresses.key(address));
			this.unreachable.remove(NodeAddresses.key(address.getHostString(), address.getPort()));
		}
		if (!this.refused.isEmpty()) {
			this.refused.remove(NodeAddresses.key(address));
		}
	}

	/**
	 * A node that refused connects answered a probe.
	 * @param node the node
	 * @return whether it had refused connects
	 */
	boolean answered(RedisEndpoint node) {
		String key = NodeAddresses.key(node);
		if (this.refused.remove(key) != null) {
			this.unreachable.remove(key);
			return true;
		}
		return false;
	}

	private void markUnreachable(InetSocketAddress address) {
		this.unreachable.put(NodeAddresses.key(address), Boolean.TRUE);
		if (!address.getHostString().equals(NodeAddresses.hostOf(address))) {
			this.unreachable.put(NodeAddresses.key(address.getHostString(), address.getPort()), Boolean.TRUE);
		}
	}

}
