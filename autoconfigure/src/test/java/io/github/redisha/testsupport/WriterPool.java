package io.github.redisha.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Several writer threads, each holding one {@link RedisConnection} of the application's
 * factory for its whole run and writing {@code prefix:N = N} every 5 ms, one {@code SET}
 * at a time or in pipelines of several. With the factory's shared native connection the
 * writers share it (and pipelines take a dedicated one, as Spring Data does); with
 * sharing off each writer has its own native connection, which is what a connection pool
 * gives. Remembers every acknowledged write and every failure. Bounded in count and time.
 */
public final class WriterPool implements AutoCloseable {

	private static final int MAX_WRITES_PER_WRITER = 50_000;

	private static final Duration MAX_RUNTIME = Duration.ofSeconds(90);

	private final RedisConnectionFactory factory;

	private final String prefix;

	private final int pipeline;

	private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

	private final AtomicLong lastAcknowledgedAt = new AtomicLong();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicLong sequence = new AtomicLong();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * Start the writers.
	 * @param factory the application's connection factory
	 * @param prefix the key prefix
	 * @param writers how many writer threads
	 * @param pipeline writes per round trip: 1 for one {@code SET} at a time
	 */
	public WriterPool(RedisConnectionFactory factory, String prefix, int writers, int pipeline) {
		this.factory = factory;
		this.prefix = prefix;
		this.pipeline = pipeline;
		for (int i = 0; i < writers; i++) {
			Thread thread = new Thread(this::run, "writer-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	private void run() {
		long deadline = System.nanoTime() + MAX_RUNTIME.toNanos();
		try (RedisConnection connection = this.factory.getConnection()) {
			for (int round = 0; !this.stopped.get() && round * this.pipeline < MAX_WRITES_PER_WRITER
					&& System.nanoTime() < deadline; round++) {
				write(connection);
				TimeUnit.MILLISECONDS.sleep(5);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			this.failures.add("connection: " + ex);
		}
	}

	private void write(RedisConnection connection) {
		List<Long> batch = new ArrayList<>(this.pipeline);
		for (int i = 0; i < this.pipeline; i++) {
			batch.add(this.sequence.incrementAndGet());
		}
		try {
			if (this.pipeline == 1) {
				set(connection, batch.get(0));
			}
			else {
				connection.openPipeline();
				batch.forEach((seq) -> set(connection, seq));
				connection.closePipeline();
			}
			long now = System.nanoTime();
			batch.forEach((seq) -> this.acknowledged.put(this.prefix + ":" + seq, seq));
			this.lastAcknowledgedAt.set(now);
		}
		catch (RuntimeException ex) {
			this.failures.add("writes " + batch + ": " + ex);
		}
	}

	private void set(RedisConnection connection, long seq) {
		connection.stringCommands()
			.set((this.prefix + ":" + seq).getBytes(StandardCharsets.UTF_8),
					Long.toString(seq).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The writes acknowledged so far.
	 * @return key to the value written
	 */
	public Map<String, Long> acknowledged() {
		return Map.copyOf(this.acknowledged);
	}

	/**
	 * When the last write was acknowledged.
	 * @return its {@link System#nanoTime()}, 0 before the first
	 */
	public long lastAcknowledgedAt() {
		return this.lastAcknowledgedAt.get();
	}

	public List<String> failures() {
		return List.copyOf(this.failures);
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped.set(true);
		for (Thread thread : this.threads) {
			thread.join(TimeUnit.SECONDS.toMillis(70));
		}
	}

}
