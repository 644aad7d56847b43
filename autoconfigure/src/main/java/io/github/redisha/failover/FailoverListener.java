package io.github.redisha.failover;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Callbacks for what redis-ha sees while keeping the client on the master. Implement it
 * as a bean to observe failovers; the Micrometer meters are one such listener. Callbacks
 * run on redis-ha's own threads and Lettuce's I/O threads: keep them short and never
 * block. Arguments never carry a secret.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public interface FailoverListener {

	/**
	 * A Sentinel event was received, once per event however many sentinels published it.
	 * @param type the event's channel, e.g. {@code +switch-master} or {@code +sdown}
	 */
	default void sentinelEvent(String type) {
	}

	/**
	 * The client moved to a new master, verified with {@code ROLE}.
	 * @param masterSwitch the switch
	 * @param failoverDuration from the first sign of the failover (a sentinel reporting
	 * the master down, a failover starting, or the client losing its connection to the
	 * master) to the switch; {@code null} when no such sign was seen
	 */
	default void masterSwitched(FailoverHistory.MasterSwitch masterSwitch, @Nullable Duration failoverDuration) {
	}

	/**
	 * The client got its first reply from the master after a failure (a lost connection,
	 * a refused connect, a {@code READONLY} reply, or a master the sentinels report
	 * down).
	 * @param recoveryTime from that first failure to the first reply
	 */
	default void clientRecovered(Duration recoveryTime) {
	}

	/**
	 * A connection is about to try to reconnect.
	 */
	default void reconnectAttempt() {
	}

	/**
	 * A write got {@code READONLY} and is being sent again, to the re-resolved master.
	 */
	default void readOnlyRetried() {
	}

	/**
	 * A command Redis rejected without executing it is being sent again: to the
	 * re-resolved master after {@code READONLY} (then {@link #readOnlyRetried()} is
	 * called too), to the same node after {@code NOREPLICAS}, {@code LOADING},
	 * {@code MASTERDOWN}, {@code TRYAGAIN} or {@code CLUSTERDOWN}.
	 * @param errorCode the rejection's error code, e.g. {@code NOREPLICAS}
	 */
	default void rejectedCommandRetried(String errorCode) {
	}

	/**
	 * A safe write did not reach the required replicas in time and failed with
	 * {@link UnconfirmedWriteException}.
	 */
	default void writeUnconfirmed() {
	}

	/**
	 * The number of sentinels redis-ha currently receives events from changed.
	 * @param reachable the number of sentinels with a live subscription
	 * @param known the number of sentinels known (configured and discovered)
	 */
	default void sentinelsReachable(int reachable, int known) {
	}

	/**
	 * Cluster mode: the client's view of the slots was reloaded.
	 * @param cause {@code switch} when redis-ha reloaded it right after a primary switch,
	 * {@code unfence} when an old primary became a replica, {@code client} for Lettuce's
	 * own reloads that changed the slot map (periodic, adaptive)
	 * @since 0.2.0
	 */
	default void topologyRefreshed(String cause) {
	}

	/**
	 * Cluster mode: a command was redirected to another node.
	 * @param type {@code moved} or {@code ask}
	 * @since 0.2.0
	 */
	default void redirected(String type) {
	}

}
