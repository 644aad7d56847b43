package io.github.redisha.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.redisha.benchmark.Operations.Op;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Several threads writing new keys through the application's template, each one round
 * every 5 ms: one {@code SET}, or a pipeline of several ({@code executePipelined}). Every
 * write of a pipeline is recorded with the pipeline's send and end time and outcome.
 * Bounded in count and time.
 *
 * @author redis-ha
 */
final class WriterGroup implements AutoCloseable {

	private static final long MAX_WRITES = 400_000;

	private final StringRedisTemplate template;

	private final String prefix;

	private final int pipeline;

	private final long deadline;

	private final AtomicLong sequence = new AtomicLong();

	// not copy-on-write: tens of thousands of writes a round would copy the array on each
	private final Queue<Op> done = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * Start the writers.
	 * @param template the application's template
	 * @param prefix the key prefix
	 * @param writers how many threads
	 * @param pipeline writes per round: 1 for one {@code SET} at a time
	 * @param maxNanos how long to keep writing at most
	 */
	WriterGroup(StringRedisTemplate template, String prefix, int writers, int pipeline, long maxNanos) {
		this.template = template;
		this.prefix = prefix;
		this.pipeline = pipeline;
		this.deadline = System.nanoTime() + maxNanos;
		for (int i = 0; i < writers; i++) {
			Thread thread = new Thread(this::run, "writer-" + prefix + "-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	private void run() {
		while (!this.stopped.get() && this.sequence.get() < MAX_WRITES && System.nanoTime() < this.deadline) {
			List<Long> batch = new ArrayList<>(this.pipeline);
			for (int i = 0; i < this.pipeline; i++) {
				batch.add(this.sequence.incrementAndGet());
			}
			long sentAt = System.nanoTime();
			String error = null;
			try {
				if (this.pipeline == 1) {
					this.template.opsForValue().set(key(batch.get(0)), Long.toString(batch.get(0)));
				}
				else {
					this.template.executePipelined((RedisCallback<Object>) (connection) -> {
						batch.forEach((seq) -> set(connection, seq));
						return null;
					});
				}
			}
			catch (RuntimeException ex) {
				error = Operations.describe(ex);
			}
			long endedAt = System.nanoTime();
			for (long seq : batch) {
				this.done.add(new Op(seq, key(seq), sentAt, endedAt, error));
			}
			try {
				TimeUnit.MILLISECONDS.sleep(Operations.INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void set(RedisConnection connection, long seq) {
		connection.stringCommands()
			.set(key(seq).getBytes(StandardCharsets.UTF_8), Long.toString(seq).getBytes(StandardCharsets.UTF_8));
	}

	private String key(long seq) {
		return this.prefix + ":" + seq;
	}

	List<Op> done() {
		return List.copyOf(this.done);
	}

	void stop() {
		this.stopped.set(true);
	}

	void awaitStopped(long millis) throws InterruptedException {
		long until = System.currentTimeMillis() + millis;
		for (Thread thread : this.threads) {
			thread.join(Math.max(1, until - System.currentTimeMillis()));
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		awaitStopped(TimeUnit.SECONDS.toMillis(5));
	}

}
