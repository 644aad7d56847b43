package io.github.redisha.failover;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * Where a channel goes and how it ended; stored as a channel attribute
 * ({@link ClientChannels#ROLE}).
 *
 * @author redis-ha
 */
final class ChannelRole {

	private volatile @Nullable InetSocketAddress intended;

	private volatile @Nullable InetSocketAddress actual;

	volatile long activeSince;

	volatile boolean sentinel;

	volatile boolean closedLocally;

	volatile boolean closedByFailover;

	@Nullable InetSocketAddress intended() {
		return this.intended;
	}

	InetSocketAddress actual() {
		InetSocketAddress address = this.actual;
		return (address != null) ? address : new InetSocketAddress(0);
	}

	void connecting(InetSocketAddress intended, InetSocketAddress actual) {
		this.intended = intended;
		this.actual = actual;
	}

}
