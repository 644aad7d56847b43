package io.github.redisha.failover;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.redisha.failover.internal.FailoverListeners;

/**
 * Times a failure of the master as the client sees it: from the first sign (a dropped or
 * refused connection to the master, a {@code READONLY} reply, the sentinels reporting it
 * down) until a reply arrives on a channel to the master that was connected after the
 * failure began.
 *
 * @author redis-ha
 */
final class RecoveryClock {

	private final FailoverListeners listeners;

	/** When the current failure began (nanoTime), 0 when none is open. */
	private final AtomicLong failureSince = new AtomicLong();

	RecoveryClock(FailoverListeners listeners) {
		this.listeners = listeners;
	}

	void failureSeen() {
		this.failureSince.compareAndSet(0, System.nanoTime());
	}

	boolean failureOpen() {
		return this.failureSince.get() != 0;
	}

	/**
	 * A reply arrived on a channel to the master.
	 * @param channelActiveSince when that channel became active (nanoTime)
	 */
	void masterReplied(long channelActiveSince) {
		long since = this.failureSince.get();
		if (since != 0 && channelActiveSince > since && this.failureSince.compareAndSet(since, 0)) {
			this.listeners.clientRecovered(Duration.ofNanos(System.nanoTime() - since));
		}
	}

}
