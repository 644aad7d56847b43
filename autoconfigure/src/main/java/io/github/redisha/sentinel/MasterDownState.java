package io.github.redisha.sentinel;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Whether the sentinels report the followed master down: any sentinel's {@code +sdown},
 * an {@code +odown}, or a failover of it in progress. Every change is published (to hold
 * reconnects to the master), and the first report starts the failover clock.
 *
 * @author redis-ha
 */
final class MasterDownState {

	private final Set<RedisEndpoint> reporters = new HashSet<>();

	private final LongSupplier clock;

	private final Consumer<Boolean> published;

	private boolean objectivelyDown;

	private boolean failoverInProgress;

	private long lastChangeAt;

	private long failureDetectedAt;

	/**
	 * Create the state.
	 * @param clock the time (nanoTime)
	 * @param published told whether the master is down after every change
	 */
	MasterDownState(LongSupplier clock, Consumer<Boolean> published) {
		this.clock = clock;
		this.published = published;
	}

	void subjectivelyDown(RedisEndpoint reporter, boolean down) {
		if (down) {
			this.reporters.add(reporter);
		}
		else {
			this.reporters.remove(reporter);
		}
		changed();
	}

	void objectivelyDown(boolean down) {
		this.objectivelyDown = down;
		changed();
	}

	void failoverInProgress(boolean inProgress) {
		if (this.failoverInProgress != inProgress) {
			this.failoverInProgress = inProgress;
			changed();
		}
	}

	/**
	 * The sentinels, asked at {@code askedAt}, no longer flag the master: forget down
	 * reports whose end was missed, unless a report came in after they were asked.
	 * @param askedAt when they were asked (nanoTime)
	 */
	void notFlaggedSince(long askedAt) {
		if (this.lastChangeAt < askedAt && isDown()) {
			forget();
			changed();
		}
	}

	/**
	 * Forget every report without publishing: the client moved to a new master.
	 */
	void forget() {
		this.reporters.clear();
		this.objectivelyDown = false;
		this.failoverInProgress = false;
	}

	boolean isDown() {
		return !this.reporters.isEmpty() || this.objectivelyDown || this.failoverInProgress;
	}

	/**
	 * How long ago the master was first reported down, restarting the clock.
	 * @return the time since the first report, null if none came
	 */
	@Nullable Duration takeFailureDuration() {
		Duration duration = (this.failureDetectedAt != 0)
				? Duration.ofNanos(this.clock.getAsLong() - this.failureDetectedAt) : null;
		this.failureDetectedAt = 0;
		return duration;
	}

	private void changed() {
		this.lastChangeAt = this.clock.getAsLong();
		boolean down = isDown();
		if (down && this.failureDetectedAt == 0) {
			this.failureDetectedAt = this.clock.getAsLong();
		}
		this.published.accept(down);
	}

}
