package io.github.redisha.sentinel;

import java.util.function.Supplier;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
import org.jspecify.annotations.Nullable;

/**
 * Reads the sentinels' events and decides what each means for the followed master: a
 * promotion to watch, a master reported down or up, a replica down or back, a failover
 * ended or aborted, a new sentinel. Each event is counted once however many sentinels
 * publish it. It does no I/O: what to do is handed to {@link Reactions}.
 *
 * @author redis-ha
 */
final class SentinelEventIntake {

	private final String masterName;

	private final Supplier<@Nullable RedisEndpoint> master;

	private final MasterDownState masterDown;

	private final FailoverListeners listeners;

	private final Reactions reactions;

	private final EventDeduplication deduplication = new EventDeduplication();

	SentinelEventIntake(String masterName, Supplier<@Nullable RedisEndpoint> master, MasterDownState masterDown,
			FailoverListeners listeners, Reactions reactions) {
		this.masterName = masterName;
		this.master = master;
		this.masterDown = masterDown;
		this.listeners = listeners;
		this.reactions = reactions;
	}

	/**
	 * An event arrived.
	 * @param source the sentinel that published it
	 * @param channel its channel, e.g. {@code +switch-master}
	 * @param message its message
	 * @param now the current time (nanoTime)
	 */
	void accept(RedisEndpoint source, String channel, String message, long now) {
		if (this.deduplication.isNew(channel, message, now)) {
			this.listeners.sentinelEvent(channel);
		}
		SentinelEvent event = SentinelEvent.parse(channel, message);
		if (!event.isFor(this.masterName)) {
			return;
		}
		RedisEndpoint instance = event.instance();
		if (channel.equals("+sentinel")) {
			if (instance != null) {
				this.reactions.sentinelDiscovered(instance);
			}
			return;
		}
		RedisEndpoint current = this.master.get();
		// failover events name the master they fail over; ignore the tail of one we
		// already left
		boolean aboutCurrent = current != null && current.equals(event.master());
		switch (channel) {
			case "+switch-master" -> {
				if (event.newMaster() != null) {
					this.reactions.promotionStarted(event.newMaster(), "+switch-master from sentinel " + source);
				}
			}
			case "+selected-slave", "+failover-state-send-slaveof-noone", "+failover-state-wait-promotion",
					"+promoted-slave" -> {
				if (aboutCurrent && instance != null) {
					this.masterDown.failoverInProgress(true);
					this.reactions.promotionStarted(instance, channel + " from sentinel " + source);
				}
			}
			case "+try-failover", "+elected-leader", "+failover-state-select-slave" -> {
				if (aboutCurrent) {
					this.masterDown.failoverInProgress(true);
				}
			}
			case "+failover-end", "+failover-end-for-timeout" -> {
				if (aboutCurrent) {
					this.masterDown.failoverInProgress(false);
				}
				this.reactions.resolve(channel);
			}
			case "+sdown", "-sdown" -> nodeDown(source, event, aboutCurrent, channel.startsWith("+"));
			case "+odown", "-odown" -> {
				if (aboutCurrent) {
					this.masterDown.objectivelyDown(channel.startsWith("+"));
				}
			}
			case "+convert-to-slave", "+slave", "+role-change", "+reboot" -> {
				if (instance != null) {
					this.reactions.roleMayHaveChanged(instance);
				}
			}
			default -> {
				if (channel.startsWith("-failover-abort")) {
					if (aboutCurrent) {
						this.masterDown.failoverInProgress(false);
					}
					this.reactions.failoverAborted();
					this.reactions.resolve(channel);
				}
			}
		}
	}

	private void nodeDown(RedisEndpoint source, SentinelEvent event, boolean aboutCurrent, boolean down) {
		RedisEndpoint instance = event.instance();
		if (event.isAboutMaster() && aboutCurrent) {
			this.masterDown.subjectivelyDown(source, down);
		}
		else if (event.isAboutReplica() && instance != null) {
			this.reactions.replicaReportedDown(instance, down);
			if (!down) {
				this.reactions.roleMayHaveChanged(instance);
			}
		}
	}

	/**
	 * Forget old events.
	 * @param now the current time (nanoTime)
	 */
	void expire(long now) {
		this.deduplication.expire(now);
	}

	/**
	 * What the engine does about an event.
	 */
	interface Reactions {

		/**
		 * A sentinel announced another sentinel monitoring the master.
		 * @param sentinel the sentinel announced
		 */
		void sentinelDiscovered(RedisEndpoint sentinel);

		/**
		 * A replica is being promoted: ask it for its role until it answers master.
		 * @param candidate the replica being promoted
		 * @param reason the event that announced it, for the log
		 */
		void promotionStarted(RedisEndpoint candidate, String reason);

		/** The failover was aborted: stop watching promotions. */
		void failoverAborted();

		/**
		 * Ask the sentinels for the master again.
		 * @param reason the event that asks for it, for the log
		 */
		void resolve(String reason);

		/**
		 * A sentinel reports a replica down or up again.
		 * @param replica the replica reported
		 * @param down whether it is reported down rather than up
		 */
		void replicaReportedDown(RedisEndpoint replica, boolean down);

		/**
		 * A node may have changed its role, e.g. an old master reconverted to a replica.
		 * @param node the node that may have changed its role
		 */
		void roleMayHaveChanged(RedisEndpoint node);

	}

}
