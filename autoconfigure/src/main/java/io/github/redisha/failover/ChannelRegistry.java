package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.RedisEndpoint;
import io.netty.channel.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The active data channels of the application's client, and closing those that go to (or
 * were redirected away from) a node; Lettuce reconnects them, through the connect
 * routing.
 *
 * @author redis-ha
 */
final class ChannelRegistry {

	private static final Log logger = LogFactory.getLog(ChannelRegistry.class);

	private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

	void add(Channel channel) {
		this.channels.add(channel);
	}

	void remove(Channel channel) {
		this.channels.remove(channel);
	}

	/**
	 * Close every channel to {@code node}.
	 * @param node the node
	 * @param reason why, for the log
	 * @return how many were closed
	 */
	int closeTo(RedisEndpoint node, String reason) {
		int closed = 0;
		for (Channel channel : this.channels) {
			ChannelRole role = channel.attr(ClientChannels.ROLE).get();
			if (role != null && NodeAddresses.matches(node, role.actual())) {
				role.closedByFailover = true;
				channel.close();
				closed++;
			}
		}
		if (closed > 0) {
			logger.info("redis-ha: closed " + closed + " connection(s) to " + node + " because " + reason);
		}
		return closed;
	}

	/**
	 * Close the channels that were meant for {@code node} but redirected elsewhere, so
	 * that they return to it.
	 * @param node the node
	 */
	void closeRedirectedAwayFrom(RedisEndpoint node) {
		for (Channel channel : this.channels) {
			ChannelRole role = channel.attr(ClientChannels.ROLE).get();
			InetSocketAddress intended = (role != null) ? role.intended() : null;
			if (intended != null && NodeAddresses.matches(node, intended)
					&& !NodeAddresses.matches(node, role.actual())) {
				role.closedByFailover = true;
				channel.close();
			}
		}
	}

}
