package io.github.redisha.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads from replicas ({@code redis.read-from=replica-preferred}) while a replica dies:
 * no read fails, and reads keep being answered.
 */
class ClusterReplicaReadsIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	@Test
	void readsSurviveAKilledReplica() throws Exception {
		try (ClusterTopology cluster = RedisTopologies.cluster()
			.password(ClusterApp.PASSWORD)
			.nodeTimeout(Duration.ofSeconds(1))
			.start()) {
			ClusterApp.runner(cluster, "redis.read-from=replica-preferred").run((context) -> {
				assertThat(context).hasNotFailed();
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				List<String> keys = IntStream.range(0, 200).mapToObj((i) -> "read-" + i).toList();
				keys.forEach((key) -> template.opsForValue().set(key, key));
				// replicas catch up asynchronously: read until every key is there
				await().atMost(TIMEOUT)
					.until(() -> keys.stream().allMatch((key) -> key.equals(template.opsForValue().get(key))));
				Reader reader = new Reader(template, keys);
				Thread thread = new Thread(reader, "replica-reader");
				thread.setDaemon(true);
				thread.start();
				try {
					await().atMost(TIMEOUT).until(() -> reader.answered.get() >= 100);
					RedisNode replica = cluster.replicas().get(0);
					replica.kill();
					long killedAt = reader.answered.get();
					await().atMost(TIMEOUT).until(() -> reader.answered.get() >= killedAt + 1000);
				}
				finally {
					reader.stopped.set(true);
					thread.join(TIMEOUT.toMillis());
				}
				assertThat(reader.failures).as("reads that failed").isEmpty();
			});
		}
	}

	static final class Reader implements Runnable {

		private final StringRedisTemplate template;

		private final List<String> keys;

		final AtomicBoolean stopped = new AtomicBoolean();

		final AtomicLong answered = new AtomicLong();

		final List<String> failures = new CopyOnWriteArrayList<>();

		Reader(StringRedisTemplate template, List<String> keys) {
			this.template = template;
			this.keys = keys;
		}

		@Override
		public void run() {
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			for (int i = 0; !this.stopped.get() && System.nanoTime() < deadline; i++) {
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

}
