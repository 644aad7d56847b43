package io.github.redisha.health;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A health check's result, reused for a time to live, with concurrent callers sharing one
 * check: however often the health endpoint is polled, Redis sees at most one check per
 * time to live.
 *
 * @param <T> the result type
 * @author redis-ha
 */
final class CachedCheck<T> {

	private final Supplier<T> check;

	private final long timeToLiveNanos;

	// not synchronized: the check blocks on the network, which would pin a virtual
	// thread's carrier on Java 21
	private final ReentrantLock lock = new ReentrantLock();

	private @Nullable T last;

	private long lastCheckedNanos;

	CachedCheck(Supplier<T> check, Duration timeToLive) {
		this.check = check;
		this.timeToLiveNanos = timeToLive.toNanos();
	}

	/**
	 * The last result while it is fresh, else the result of a new check.
	 * @return the result
	 */
	T get() {
		this.lock.lock();
		try {
			T last = this.last;
			if (last != null && System.nanoTime() - this.lastCheckedNanos < this.timeToLiveNanos) {
				return last;
			}
			T checked = this.check.get();
			this.last = checked;
			this.lastCheckedNanos = System.nanoTime();
			return checked;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Run one check in the background: the first check in a JVM loads and links the
	 * client's classes, which can take longer than the timeout on a busy machine; do it
	 * before a probe asks.
	 */
	void warmUp() {
		Thread warmUp = new Thread(this::get, "redis-ha-health-warm-up");
		warmUp.setDaemon(true);
		warmUp.start();
	}

}
