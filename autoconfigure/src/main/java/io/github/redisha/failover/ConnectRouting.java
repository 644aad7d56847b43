package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.RedisMode;
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

	private volatile Map<RedisEndpoint, RedisEndpoint> primaryOf = Map.of();

	/** Cluster primaries that stopped answering and whose shard is being watched. */
	private final Set<RedisEndpoint> failingPrimaries = ConcurrentHashMap.newKeySet();

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
	 * The shards of a cluster, as last seen by the cluster engine.
	 * @param primaryOf every node of a shard to its primary
	 */
	void shards(Map<RedisEndpoint, RedisEndpoint> primaryOf) {
		this.primaryOf = Map.copyOf(primaryOf);
	}

	/**
	 * Record whether a cluster primary is failing: connects to it wait until its shard's
	 * watch ends, with a switch to a promoted replica (then they are redirected there) or
	 * with the primary answering again.
	 * @param primary the primary
	 * @param failing whether it is failing
	 * @return whether that changed
	 */
	boolean primaryFailing(RedisEndpoint primary, boolean failing) {
		return failing ? this.failingPrimaries.add(primary) : this.failingPrimaries.remove(primary);
	}

	/**
	 * Whether {@code node} is a primary of a cluster shard, as last seen.
	 * @param node the address
	 * @return whether it is a shard's primary
	 */
	boolean isShardPrimary(InetSocketAddress node) {
		return this.primaryOf.values().stream().anyMatch((primary) -> NodeAddresses.matches(primary, node));
	}

	/**
	 * Whether the master (in cluster mode: the primary of {@code replica}'s shard) can
	 * take a replica's reads: known, and neither reported down, fenced nor watched.
	 * @param replica a replica
	 * @return whether its master serves
	 */
	boolean masterServing(InetSocketAddress replica) {
		RedisEndpoint current = this.master;
		if (current != null) {
			return !this.masterReportedDown && !this.fencing.isFenced(current);
		}
		RedisEndpoint primary = shardPrimaryOf(replica);
		return primary != null && !this.failingPrimaries.contains(primary);
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
	 * @return the successor of a fenced old cluster primary; the verified master (in
	 * cluster mode: the shard's primary) when {@code target} is a fenced old master, or a
	 * replica that refused a connect or that the sentinels (the cluster) report down;
	 * else null. Unresolved: it is resolved at connect time, as Lettuce's own targets are
	 * (never by the JDK's cache)
	 */
	@Nullable InetSocketAddress redirect(InetSocketAddress target) {
		RedisEndpoint successor = this.fencing.successor(target);
		if (successor != null && !NodeAddresses.matches(successor, target)) {
			// cluster mode: an old primary's connection goes to the node that took over
			return InetSocketAddress.createUnresolved(successor.host(), successor.port());
		}
		RedisEndpoint current = (this.master != null) ? this.master : shardPrimaryOf(target);
		if (current == null || NodeAddresses.matches(current, target)) {
			return null;
		}
		if (this.fencing.isFenced(target) || this.reachability.isReportedDown(target)
				|| this.reachability.isRefused(target)) {
			// read routing skips such a replica meanwhile
			return InetSocketAddress.createUnresolved(current.host(), current.port());
		}
		return null;
	}

	/**
	 * Whether a connect to {@code target} should wait for news: it is the master and the
	 * sentinels report it down, or it is fenced and no other master is known yet; in
	 * cluster mode, it is a failing primary whose shard is being watched.
	 * @param target the address
	 * @return whether to hold the connect
	 */
	boolean shouldHold(InetSocketAddress target) {
		RedisEndpoint current = this.master;
		if (current == null) {
			return isWatchedPrimary(target);
		}
		if (!NodeAddresses.matches(current, target)) {
			return false;
		}
		return this.masterReportedDown || this.fencing.isFenced(current);
	}

	private boolean isWatchedPrimary(InetSocketAddress target) {
		// still a primary: a failed one that came back as a replica is not waited for
		return isShardPrimary(target)
				&& this.failingPrimaries.stream().anyMatch((primary) -> NodeAddresses.matches(primary, target));
	}

	/**
	 * Whether a channel to {@code address} goes to the master.
	 * @param address the address
	 * @param mode the mode; in standalone mode every data channel goes to "the" master
	 * @return whether it goes to the master
	 */
	boolean isMaster(InetSocketAddress address, RedisMode mode) {
		RedisEndpoint current = this.master;
		if (current != null) {
			return NodeAddresses.matches(current, address);
		}
		if (!this.primaryOf.isEmpty()) {
			return isShardPrimary(address);
		}
		return mode != RedisMode.SENTINEL;
	}

	private @Nullable RedisEndpoint shardPrimaryOf(InetSocketAddress node) {
		for (Map.Entry<RedisEndpoint, RedisEndpoint> member : this.primaryOf.entrySet()) {
			if (NodeAddresses.matches(member.getKey(), node)) {
				return member.getValue();
			}
		}
		return null;
	}

}
