package io.github.redisha.failover;

import java.net.InetSocketAddress;

import io.github.redisha.connection.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Where a connect of the application's client goes. A connect aimed at a fenced old
 * master is redirected to the verified master, so that neither a sentinel that has not
 * yet learned of the failover nor a node connection of a Master/Replica topology reaches
 * the old master. A reconnect to a master that the sentinels report down is held back
 * until the failover's outcome is known. A connect to a replica that refused a connect or
 * that the sentinels report down goes to the master, so that reads in flight on it are
 * answered.
 *
 * @author redis-ha
 */
final class ConnectRouting {

	private final Fencing fencing;

	private final Reachability reachability;

	private volatile @Nullable RedisEndpoint master;

	private volatile boolean masterReportedDown;

	ConnectRouting(Fencing fencing, Reachability reachability) {
		this.fencing = fencing;
		this.reachability = reachability;
	}

	@Nullable RedisEndpoint master() {
		return this.master;
	}

	void master(RedisEndpoint master) {
		this.master = master;
		this.masterReportedDown = false;
	}

	/**
	 * Record whether the sentinels report the master down.
	 * @param down whether it is reported down
	 * @return whether that changed
	 */
	boolean masterReportedDown(boolean down) {
		boolean changed = this.masterReportedDown != down;
		this.masterReportedDown = down;
		return changed;
	}

	/**
	 * Where a connect aimed at {@code target} should go instead, if anywhere.
	 * @param target the address Lettuce wants to connect to
	 * @return the verified master when {@code target} is a fenced old master, or a
	 * replica that refused a connect or that the sentinels report down; else null
	 */
	@Nullable InetSocketAddress redirect(InetSocketAddress target) {
		RedisEndpoint current = this.master;
		if (current == null || NodeAddresses.matches(current, target)) {
			return null;
		}
		if (this.fencing.isFenced(target) || this.reachability.isReportedDown(target)
				|| this.reachability.isRefused(target)) {
			// read routing skips such a replica meanwhile
			return new InetSocketAddress(current.host(), current.port());
		}
		return null;
	}

	/**
	 * Whether a connect to {@code target} should wait for news: it is the master and the
	 * sentinels report it down, or it is fenced and no other master is known yet.
	 * @param target the address
	 * @return whether to hold the connect
	 */
	boolean shouldHold(InetSocketAddress target) {
		RedisEndpoint current = this.master;
		if (current == null || !NodeAddresses.matches(current, target)) {
			return false;
		}
		return this.masterReportedDown || this.fencing.isFenced(current);
	}

	/**
	 * Whether a channel to {@code address} goes to the master.
	 * @param address the address
	 * @param sentinelMode whether a master is followed at all; in standalone mode every
	 * data channel goes to "the" master
	 * @return whether it goes to the master
	 */
	boolean isMaster(InetSocketAddress address, boolean sentinelMode) {
		RedisEndpoint current = this.master;
		return (current != null) ? NodeAddresses.matches(current, address) : !sentinelMode;
	}

}
