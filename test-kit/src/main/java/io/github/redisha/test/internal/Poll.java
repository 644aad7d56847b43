package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.RedisTopologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadline-bounded polling. Every wait of the kit goes through here: no fixed sleeps.
 *
 * @author redis-ha
 */
final class Poll {

	private static final Logger logger = LoggerFactory.getLogger(Poll.class);

	static final Duration INTERVAL = Duration.ofMillis(50);

	private Poll() {
	}

	static <T> T until(String what, Duration timeout, Attempt<T> attempt) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		List<String> previous = List.of();
		while (true) {
			List<String> missing = new ArrayList<>();
			T result;
			try {
				result = attempt.attempt(missing);
			}
			catch (RedisTopologyException ex) {
				throw ex;
			}
			catch (Exception ex) {
				missing.add(describe(ex));
				result = null;
			}
			if (result != null) {
				if (logger.isDebugEnabled()) {
					logger.debug("Done waiting for {} after {} ms", what, (System.nanoTime() - start) / 1_000_000);
				}
				return result;
			}
			if (logger.isDebugEnabled() && !missing.equals(previous)) {
				logger.debug("Waiting for {} ({} ms): {}", what, (System.nanoTime() - start) / 1_000_000, missing);
				previous = missing;
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new RedisTopologyException("Timed out after " + timeout.toMillis() + " ms waiting for " + what
						+ "; still missing: " + (missing.isEmpty() ? "(unknown)" : String.join("; ", missing)));
			}
			sleep(INTERVAL);
		}
	}

	/**
	 * What is left until {@code deadlineNanos} (a {@link System#nanoTime()}), at least 1
	 * ns.
	 * @param deadlineNanos the deadline, in {@link System#nanoTime()} terms
	 * @return the time left
	 */
	static Duration remaining(long deadlineNanos) {
		return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisTopologyException("Interrupted while waiting", ex);
		}
	}

	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		if (root != ex && root.getMessage() != null && !message.contains(root.getMessage())) {
			message = message + " (" + root.getMessage() + ")";
		}
		return message;
	}

	/**
	 * One attempt: returns the result when the awaited state is reached, otherwise
	 * {@code null} after adding what is still missing to {@code missing}. A
	 * {@link RedisTopologyException} ends the wait at once (e.g. a process died); any
	 * other exception counts as "not yet" and is reported as missing.
	 *
	 * @param <T> the type of the result
	 */
	@FunctionalInterface
	interface Attempt<T> {

		T attempt(List<String> missing) throws Exception;

	}

}
