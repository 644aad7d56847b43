package io.github.redisha.sentinel;

import java.time.Duration;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.SentinelChannels;
import io.github.redisha.internal.FailoverThread;
import org.jspecify.annotations.Nullable;

/**
 * The Sentinel engine's side of a write hold: begins it on the client side when a
 * promotion of a replica starts (what the old master acknowledges after its replica was
 * promoted would be lost), ends it when the failover is aborted or after
 * {@code reconnect-hold-max}, and knows how long it lasted when the client switches.
 * Touched on the engine's thread only.
 *
 * @author redis-ha
 */
final class EngineWriteHold {

	private final FailoverThread thread;

	private final SentinelChannels channels;

	private final long maxMillis;

	private long heldSince = -1;

	/**
	 * Create the hold.
	 * @param thread the engine's thread, for the time and the timeout
	 * @param channels the client side that holds the commands
	 * @param max {@code reconnect-hold-max}: how long commands are held at most; zero
	 * holds nothing
	 */
	EngineWriteHold(FailoverThread thread, SentinelChannels channels, Duration max) {
		this.thread = thread;
		this.channels = channels;
		this.maxMillis = max.toMillis();
	}

	/**
	 * Hold the commands for the master being failed over, unless they already are.
	 * @param master the master being failed over
	 */
	void begin(RedisEndpoint master) {
		long now = this.thread.nanoTime();
		if (this.maxMillis > 0 && this.channels.holdWrites(master, now)) {
			this.heldSince = now;
			this.thread.schedule("the end of a write hold", () -> {
				this.channels.releaseWrites(now);
				if (this.heldSince == now) {
					this.heldSince = -1;
				}
			}, this.maxMillis);
		}
	}

	/**
	 * The failover was aborted: the held commands go to the master after all.
	 */
	void abort() {
		if (this.heldSince >= 0) {
			this.channels.releaseWrites(this.heldSince);
			this.heldSince = -1;
		}
	}

	/**
	 * The client switched (which ended the hold on the client side).
	 * @return how long commands were held, null when they were not
	 */
	@Nullable Duration switched() {
		Duration held = (this.heldSince >= 0) ? Duration.ofNanos(this.thread.nanoTime() - this.heldSince) : null;
		this.heldSince = -1;
		return held;
	}

}
