package io.github.redisha.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.github.redisha.test.RedisNode;
import io.lettuce.core.cluster.SlotHash;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The application reading its own keys in a loop on one thread, as a caller would: every
 * exception and every wrong value is a failure. Reads until {@link #stopIn} says so, at
 * most 90 s.
 */
final class ReplicaReader implements Runnable {

	private static final Duration LONGEST = Duration.ofSeconds(90);

	private final StringRedisTemplate template;

	private final List<String> keys;

	private final AtomicLong answered = new AtomicLong();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private volatile boolean stopping;

	private volatile long stopAt;

	private ReplicaReader(StringRedisTemplate template, List<String> keys) {
		this.template = template;
		this.keys = keys;
	}

	/**
	 * Writes {@code count} keys (each its own value) whose slots {@code primary} owns and
	 * returns a reader of them.
	 */
	static ReplicaReader ofShard(StringRedisTemplate template, RedisNode primary, int count) {
		Set<Integer> slots = ClusterApp.slotsOf(primary);
		List<String> keys = IntStream.iterate(0, (i) -> i + 1)
			.mapToObj((i) -> "read-" + i)
			.filter((key) -> slots.contains(SlotHash.getSlot(key)))
			.limit(count)
			.toList();
		keys.forEach((key) -> template.opsForValue().set(key, key));
		return new ReplicaReader(template, keys);
	}

	/** Every key once; whether all of them read back right. */
	boolean readAll() {
		return this.keys.stream().allMatch((key) -> key.equals(this.template.opsForValue().get(key)));
	}

	Thread start() {
		Thread thread = new Thread(this, "replica-reader");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Reads go on for {@code duration} from now, then the loop ends. */
	void stopIn(Duration duration) {
		this.stopAt = System.nanoTime() + duration.toNanos();
		this.stopping = true;
	}

	long answered() {
		return this.answered.get();
	}

	List<String> failures() {
		return this.failures;
	}

	private boolean stopped() {
		return this.stopping && System.nanoTime() - this.stopAt >= 0;
	}

	@Override
	public void run() {
		long deadline = System.nanoTime() + LONGEST.toNanos();
		for (int i = 0; !stopped() && System.nanoTime() - deadline < 0; i++) {
			String key = this.keys.get(i % this.keys.size());
			try {
				String value = this.template.opsForValue().get(key);
				if (!key.equals(value)) {
					this.failures.add(key + " read " + value);
				}
				this.answered.incrementAndGet();
			}
			catch (RuntimeException ex) {
				this.failures.add(key + ": " + ex);
			}
		}
	}

}
