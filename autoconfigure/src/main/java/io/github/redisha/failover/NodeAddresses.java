package io.github.redisha.failover;

import java.net.InetSocketAddress;

import io.github.redisha.RedisEndpoint;

/**
 * Comparing the nodes Sentinel names with the socket addresses Netty connects to: a node
 * may be named by host name or by address, and a socket address may or may not be
 * resolved.
 *
 * @author redis-ha
 */
final class NodeAddresses {

	private NodeAddresses() {
	}

	static boolean matches(RedisEndpoint node, InetSocketAddress address) {
		if (node.port() != address.getPort()) {
			return false;
		}
		if (node.host().equalsIgnoreCase(address.getHostString())) {
			return true;
		}
		return address.getAddress() != null && node.host().equals(address.getAddress().getHostAddress());
	}

	static String hostOf(InetSocketAddress address) {
		return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
	}

	static String key(String host, int port) {
		return host.toLowerCase() + ":" + port;
	}

	static String key(RedisEndpoint node) {
		return key(node.host(), node.port());
	}

	static String key(InetSocketAddress address) {
		return key(hostOf(address), address.getPort());
	}

	static RedisEndpoint endpoint(InetSocketAddress address) {
		return new RedisEndpoint(hostOf(address), address.getPort());
	}

}
