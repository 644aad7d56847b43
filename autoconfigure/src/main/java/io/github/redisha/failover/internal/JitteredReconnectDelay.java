package io.github.redisha.failover.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.redisha.failover.FailoverListener;
import io.lettuce.core.resource.Delay;

/**
 * Reconnect delay: doubles per failed attempt from a minimum up to a cap, and is drawn at
 * random from the upper half of that range, so that many clients losing the same node do
 * not reconnect in lock-step. Lettuce's default grows to 30 s; this one stays short
 * enough for a failover.
 *
 * @author redis-ha
 */
public final class JitteredReconnectDelay extends Delay {

	private final long minMillis;

	private final long maxMillis;

	private final FailoverListener listener;

	public JitteredReconnectDelay(Duration min, Duration max, FailoverListener listener) {
		this.minMillis = Math.max(1, min.toMillis());
		this.maxMillis = Math.max(this.minMillis, max.toMillis());
		this.listener = listener;
	}

	@Override
	public Duration createDelay(long attempt) {
		// Lettuce asks once per scheduled attempt
		this.listener.reconnectAttempt();
		return Duration.ofMillis(delayMillis(attempt, ThreadLocalRandom.current().nextDouble()));
	}

	public long delayMillis(long attempt, double random) {
		int doublings = (int) Math.min(Math.max(attempt - 1, 0), 30);
		long ceiling = Math.min(this.maxMillis, this.minMillis << doublings);
		long half = ceiling / 2;
		return half + (long) (random * (ceiling - half));
	}

}
