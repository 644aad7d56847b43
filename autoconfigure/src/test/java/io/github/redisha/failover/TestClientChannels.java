package io.github.redisha.failover;

import java.net.InetSocketAddress;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.failover.internal.SentinelChannels;

/**
 * The application's client side without channels, for unit tests of the engines in other
 * packages: what an engine does to it shows in its fences and reachability.
 *
 * @author redis-ha
 */
public final class TestClientChannels {

	private final ClientChannels channels = new ClientChannels(new FailoverListeners(null));

	/**
	 * What the Sentinel engine may do to these channels.
	 * @return the Sentinel side
	 */
	public SentinelChannels sentinelSide() {
		return this.channels.sentinelSide();
	}

	/**
	 * A connect to {@code node} was refused.
	 * @param node the node
	 */
	public void connectRefusedBy(RedisEndpoint node) {
		this.channels.connectFailed(new InetSocketAddress(node.host(), node.port()));
	}

	/**
	 * Whether commands for {@code node} are held now.
	 * @param node the node
	 * @return whether a write hold applies to it
	 */
	public boolean writesHeldFor(RedisEndpoint node) {
		return this.channels.writeHold(new InetSocketAddress(node.host(), node.port())) != null;
	}

	/**
	 * A write to {@code node} was answered {@code READONLY}.
	 * @param node the node
	 */
	public void readOnlyFrom(RedisEndpoint node) {
		this.channels.readOnlyFrom(new InetSocketAddress(node.host(), node.port()));
	}

}
