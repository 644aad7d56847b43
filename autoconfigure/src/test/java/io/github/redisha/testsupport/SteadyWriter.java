package io.github.redisha.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Writes {@code prefix:N} every 5 ms through the application's template, on its own
 * thread, and remembers which writes were acknowledged and when they were sent. Bounded
 * in count and time.
 */
public final class SteadyWriter implements AutoCloseable {

	private static final int MAX_WRITES = 20_000;

	private static final Duration MAX_RUNTIME = Duration.ofSeconds(90);

	private final StringRedisTemplate template;

	private final String prefix;

	private final List<Write> acknowledged = new CopyOnWriteArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicLong sequence = new AtomicLong();

	private final Thread thread;

	public SteadyWriter(StringRedisTemplate template, String prefix) {
		this.template = template;
		this.prefix = prefix;
		this.thread = new Thread(this::run, "steady-writer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		long deadline = System.nanoTime() + MAX_RUNTIME.toNanos();
		while (!this.stopped.get() && this.sequence.get() < MAX_WRITES && System.nanoTime() < deadline) {
			long seq = this.sequence.incrementAndGet();
			String key = this.prefix + ":" + seq;
			long sentAt = System.nanoTime();
			try {
				this.template.opsForValue().set(key, Long.toString(seq));
				this.acknowledged.add(new Write(key, sentAt, System.nanoTime()));
			}
			catch (RuntimeException ex) {
				this.failures.add(describe(seq, ex));
			}
			try {
				TimeUnit.MILLISECONDS.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	public List<Write> acknowledged() {
		return List.copyOf(this.acknowledged);
	}

	/** The longest time between two acknowledgements, in milliseconds (for reports). */
	public long longestGapMillis() {
		long longest = 0;
		List<Write> writes = acknowledged();
		for (int i = 1; i < writes.size(); i++) {
			longest = Math.max(longest, writes.get(i).acknowledgedAt() - writes.get(i - 1).acknowledgedAt());
		}
		return TimeUnit.NANOSECONDS.toMillis(longest);
	}

	public List<Write> acknowledgedSentAfter(long nanoTime) {
		return this.acknowledged.stream().filter((write) -> write.sentAt() > nanoTime).toList();
	}

	public List<String> failures() {
		return List.copyOf(this.failures);
	}

	private static String describe(long seq, Throwable failure) {
		StringBuilder description = new StringBuilder("write " + seq + ": ");
		for (Throwable current = failure; current != null; current = current.getCause()) {
			description.append(current.getClass().getSimpleName()).append(": ").append(current.getMessage());
			if (current.getCause() != null) {
				description.append(" <- ");
			}
		}
		return description.toString();
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped.set(true);
		this.thread.join(TimeUnit.SECONDS.toMillis(70));
	}

	public record Write(String key, long sentAt, long acknowledgedAt) {

	}

}
