package io.github.redisha.benchmark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One thread doing one operation every 5 ms (a SET of a new key, or a GET of a known one)
 * through the application's template, recording when each was sent and how it ended.
 * Bounded in count and time.
 *
 * @author redis-ha
 */
final class Operations implements AutoCloseable {

	static final long INTERVAL_MILLIS = 5;

	private static final int MAX_OPERATIONS = 50_000;

	private final StringRedisTemplate template;

	private final String prefix;

	private final boolean writes;

	private final long deadline;

	private final List<Op> done = new CopyOnWriteArrayList<>();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final Thread thread;

	private Operations(StringRedisTemplate template, String prefix, boolean writes, long maxNanos) {
		this.template = template;
		this.prefix = prefix;
		this.writes = writes;
		this.deadline = System.nanoTime() + maxNanos;
		this.thread = new Thread(this::run, (writes ? "writer-" : "reader-") + prefix);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	static Operations writes(StringRedisTemplate template, String prefix, long maxNanos) {
		return new Operations(template, prefix, true, maxNanos);
	}

	/**
	 * Reads {@code key} (written once before), expecting the value "value".
	 * @param template the template to read with
	 * @param key the key to read
	 * @param maxNanos how long to keep reading
	 * @return the operations, not yet started
	 */
	static Operations reads(StringRedisTemplate template, String key, long maxNanos) {
		return new Operations(template, key, false, maxNanos);
	}

	private void run() {
		for (long seq = 1; seq <= MAX_OPERATIONS && !this.stopped.get() && System.nanoTime() < this.deadline; seq++) {
			String key = this.writes ? this.prefix + ":" + seq : this.prefix;
			long sentAt = System.nanoTime();
			String error = null;
			try {
				if (this.writes) {
					this.template.opsForValue().set(key, Long.toString(seq));
				}
				else {
					String value = this.template.opsForValue().get(key);
					if (!"value".equals(value)) {
						error = "unexpected value " + value;
					}
				}
			}
			catch (RuntimeException ex) {
				error = describe(ex);
			}
			this.done.add(new Op(seq, key, sentAt, System.nanoTime(), error));
			try {
				TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	List<Op> done() {
		return List.copyOf(this.done);
	}

	void stop() {
		this.stopped.set(true);
	}

	boolean awaitStopped(long millis) throws InterruptedException {
		this.thread.join(millis);
		return !this.thread.isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		awaitStopped(TimeUnit.SECONDS.toMillis(5));
	}

	static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (description.length() > 0) {
				description.append(" <- ");
			}
			description.append(current.getClass().getSimpleName()).append(": ").append(current.getMessage());
		}
		return description.toString();
	}

	/**
	 * One operation.
	 *
	 * @param seq its number
	 * @param key the key
	 * @param sentAt when it was sent ({@link System#nanoTime()})
	 * @param endedAt when it ended
	 * @param error why it failed; null when acknowledged
	 */
	record Op(long seq, String key, long sentAt, long endedAt, String error) {

		boolean acknowledged() {
			return this.error == null;
		}

		boolean readOnly() {
			return this.error != null && this.error.contains("READONLY");
		}

	}

}
