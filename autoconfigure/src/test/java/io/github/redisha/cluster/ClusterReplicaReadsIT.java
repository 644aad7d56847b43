package io.github.redisha.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.testsupport.NodeCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads from replicas ({@code redis.read-from=replica-preferred}) while the replica
 * serving them dies, freezes, reloads its data set ({@code LOADING}) or restarts and
 * resyncs: no read fails, every read returns its key's value, and reads keep being
 * answered. Before each fault the replica is shown to serve the reads
 * ({@code INFO commandstats}). A killed or frozen replica stays so for longer than the
 * application's command timeout (4 s), so a read left waiting on it would fail (plain
 * Lettuce fails reads on the frozen one); a loading replica is shown to have answered
 * reads with {@code LOADING}. Strict {@code replica} reads are checked with two replicas
 * per shard, so that one is left.
 */
class ClusterReplicaReadsIT {

	private static final Logger logger = LoggerFactory.getLogger(ClusterReplicaReadsIT.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String REPLICA_PREFERRED = "replica-preferred";

	/**
	 * The application's command timeout: shorter than every fault, longer than the
	 * cluster needs to flag a frozen replica failing ({@code cluster-node-timeout} 1 s
	 * here, and up to half of it until the next ping) plus the engine's next
	 * {@code CLUSTER NODES} ({@code check-interval}, 1 s).
	 */
	private static final String SHORT_COMMAND_TIMEOUT = "spring.data.redis.timeout=4s";

	/** How long reads go on once a fault started: well past the command timeout. */
	private static final Duration FAULT = Duration.ofSeconds(10);

	/**
	 * A read a loading (or resyncing) replica rejects goes to the shard's primary, with
	 * redis-ha's defaults: the loading outlasts the command timeout and would fail the
	 * read if it were sent to the replica again until it has loaded.
	 */
	private static final String[] LOADING_SETTINGS = { SHORT_COMMAND_TIMEOUT };

	/** Keys the loading replica reloads, and how long each takes: about 4 s in all. */
	private static final int LOADED_KEYS = 15_000;

	private static final String KEY_LOAD_DELAY_MICROS = "150";

	@Test
	void readsSurviveAKilledReplica() {
		try (ClusterTopology cluster = cluster().start()) {
			readThrough(cluster, REPLICA_PREFERRED, RedisNode::kill, SHORT_COMMAND_TIMEOUT);
		}
	}

	/**
	 * With {@code replica} the frozen replica's reads are answered by the primary (its
	 * connections are redirected there) or by the other replica.
	 */
	@Test
	void replicaOnlyReadsSurviveAFrozenReplica() {
		try (ClusterTopology cluster = cluster().replicasPerPrimary(2).start()) {
			readThrough(cluster, "replica", RedisNode::freeze, SHORT_COMMAND_TIMEOUT);
		}
	}

	@Test
	void readsSurviveAFrozenReplica() {
		try (ClusterTopology cluster = cluster().start()) {
			readThrough(cluster, REPLICA_PREFERRED, RedisNode::freeze, SHORT_COMMAND_TIMEOUT);
		}
	}

	/**
	 * A replica restarted empty (no persistence) resyncs from its primary: it answers
	 * {@code MASTERDOWN} until the transfer is done (with {@code replica-serve-stale-data
	 * no}; with Redis' default {@code yes} it answers reads from its empty data set, with
	 * nothing, meanwhile), then {@code LOADING} while it loads it.
	 */
	@Test
	void readsSurviveARestartedReplica() {
		try (ClusterTopology cluster = slowLoadingCluster().start()) {
			RedisNode replica = cluster.replicas().get(0);
			fill(primaryOf(cluster, replica), replica);
			readThrough(cluster, REPLICA_PREFERRED, (node) -> {
				node.kill();
				node.start();
			}, LOADING_SETTINGS);
			// the counts start over with the new process
			assertThat(NodeCommands.calls(replica, ClusterApp.PASSWORD, "get") + rejectedGets(replica))
				.as("reads that reached the restarted replica")
				.isPositive();
		}
	}

	@Test
	void readsSurviveALoadingReplica() {
		try (ClusterTopology cluster = slowLoadingCluster().extraServerConfig("enable-debug-command local").start()) {
			RedisNode replica = cluster.replicas().get(0);
			fill(primaryOf(cluster, replica), replica);
			long rejectedBefore = rejectedGets(replica);
			readThrough(cluster, REPLICA_PREFERRED, ClusterReplicaReadsIT::reload, LOADING_SETTINGS);
			assertThat(rejectedGets(replica) - rejectedBefore).as("reads the loading replica answered LOADING")
				.isPositive();
		}
	}

	/** {@code DEBUG RELOAD}: returns once the node has loaded its data set again. */
	private static void reload(RedisNode node) {
		NodeCommands.on(node, ClusterApp.PASSWORD, (redis) -> {
			redis.getStatefulConnection().setTimeout(TIMEOUT);
			long start = System.nanoTime();
			String reloaded = redis.debugReload();
			logger.info("{} reloaded its data set in {} ms", node, (System.nanoTime() - start) / 1_000_000);
			return reloaded;
		});
	}

	private static ClusterTopology.Builder cluster() {
		return RedisTopologies.cluster().password(ClusterApp.PASSWORD).nodeTimeout(Duration.ofSeconds(1));
	}

	/**
	 * Nodes that answer {@code LOADING} for a few seconds while loading
	 * {@link #LOADED_KEYS} keys (only replicas load: no persistence), and answer in
	 * between (cluster bus and clients) every 1 KiB loaded.
	 */
	private static ClusterTopology.Builder slowLoadingCluster() {
		return cluster().extraServerConfig("replica-serve-stale-data no", "key-load-delay " + KEY_LOAD_DELAY_MICROS,
				"loading-process-events-interval-bytes 1024");
	}

	/**
	 * Reads keys of the first replica's shard until that replica serves them, then goes
	 * on reading while {@code fault} hits it and for {@link #FAULT} after.
	 */
	private static void readThrough(ClusterTopology cluster, String readFrom, Consumer<RedisNode> fault,
			String... settings) {
		ClusterApp.runner(cluster, "redis.read-from=" + readFrom).withPropertyValues(settings).run((context) -> {
			assertThat(context).hasNotFailed();
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			RedisNode replica = cluster.replicas().get(0);
			ReplicaReader reader = ReplicaReader.ofShard(new StringRedisTemplate(factory), primaryOf(cluster, replica),
					100);
			awaitReadsServedBy(replica, (RedisClusterClient) factory.getNativeClient(), reader);
			Thread thread = reader.start();
			long beforeFault;
			try {
				await().atMost(TIMEOUT).until(() -> reader.answered() >= 100);
				beforeFault = reader.answered();
				fault.accept(replica);
			}
			finally {
				reader.stopIn(FAULT);
				thread.join(TIMEOUT.toMillis());
			}
			assertThat(reader.failures()).as("reads that failed").isEmpty();
			assertThat(reader.answered()).as("reads answered").isGreaterThan(beforeFault);
		});
	}

	/**
	 * Replicas catch up asynchronously, and Lettuce reads from one only once its slot map
	 * knows the replica's replication offset, which a reload brings (Lettuce's periodic
	 * one comes after 60 s): reload and read until the replica has served reads.
	 */
	private static void awaitReadsServedBy(RedisNode replica, RedisClusterClient client, ReplicaReader reader) {
		long before = NodeCommands.calls(replica, ClusterApp.PASSWORD, "get");
		long start = System.nanoTime();
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			client.refreshPartitions();
			return reader.readAll() && NodeCommands.calls(replica, ClusterApp.PASSWORD, "get") - before >= 100;
		});
		logger.info("{} serves reads after {} ms", replica, (System.nanoTime() - start) / 1_000_000);
	}

	private static RedisNode primaryOf(ClusterTopology cluster, RedisNode replica) {
		return cluster.primaries()
			.stream()
			.filter((primary) -> cluster.replicasOf(primary).contains(replica))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Writes {@link #LOADED_KEYS} keys to {@code primary} and waits until its replica has
	 * them.
	 */
	private static void fill(RedisNode primary, RedisNode replica) {
		String tag = tagOwnedBy(primary);
		String value = "v".repeat(100);
		NodeCommands.on(primary, ClusterApp.PASSWORD, (redis) -> {
			Map<String, String> batch = new LinkedHashMap<>();
			for (int i = 0; i < LOADED_KEYS; i++) {
				batch.put(tag + "filler-" + i, value);
				if (batch.size() == 1000) {
					redis.mset(batch);
					batch.clear();
				}
			}
			return null;
		});
		await().atMost(TIMEOUT)
			.until(() -> NodeCommands.on(replica, ClusterApp.PASSWORD, (redis) -> redis.dbsize()) >= LOADED_KEYS);
	}

	/** A hash tag whose slot {@code primary} owns: keys with it may share one MSET. */
	private static String tagOwnedBy(RedisNode primary) {
		Set<Integer> slots = ClusterApp.slotsOf(primary);
		for (int i = 0;; i++) {
			String tag = "{" + i + "}";
			if (slots.contains(SlotHash.getSlot(tag))) {
				return tag;
			}
		}
	}

	private static long rejectedGets(RedisNode node) {
		return NodeCommands.rejectedCalls(node, ClusterApp.PASSWORD, "get");
	}

}
