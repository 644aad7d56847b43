package io.github.redisha.partition;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Split brain, the partition in which Redis Sentinel setups lose acknowledged writes: the
 * master is cut from the Sentinels and the replicas but not from the application. The
 * Sentinels promote a replica; the old master keeps accepting writes until the partition
 * heals and it is demoted, discarding them. With safe writes
 * ({@code REDIS_FAILOVER_SAFE_WRITE_REPLICAS=1}) the application is told a write
 * succeeded only once a replica has it, so every write it was told succeeded is on the
 * final master: 0 acknowledged writes lost.
 *
 * <p>
 * Everything runs in a network namespace of its own (root only): the six servers and the
 * application, a child JVM ({@link PartitionedApp}), each with a uid of its own.
 */
class SplitBrainIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void noAcknowledgedWriteIsLostWithSafeWrites(@TempDir Path dir) throws Exception {
		Outcome outcome = splitBrain(dir, 1);
		assertThat(outcome.lost()).as("acknowledged writes missing on the final master, of %d", outcome.acknowledged())
			.isZero();
	}

	/**
	 * The same partition without safe writes loses writes: proof that the master really
	 * was isolated while the application wrote to it, so that the test above is not
	 * vacuous. The loss is bounded by the time until the application learns of the
	 * promotion from the Sentinels it still reaches.
	 */
	@Test
	void withoutSafeWritesTheIsolatedMasterLosesAcknowledgedWrites(@TempDir Path dir) throws Exception {
		Outcome outcome = splitBrain(dir, 0);
		assertThat(outcome.lost()).as("acknowledged writes missing on the final master, of %d", outcome.acknowledged())
			.isPositive();
	}

	private Outcome splitBrain(Path dir, int safeWriteReplicas) throws Exception {
		try (PartitionScenario scenario = PartitionScenario.start(dir)) {
			PartitionedTopology topology = scenario.topology();
			AppRun app = scenario.startWriting(false, "REDIS_FAILOVER_SAFE_WRITE_REPLICAS",
					Integer.toString(safeWriteReplicas), "REDIS_FAILOVER_SAFE_WRITE_TIMEOUT", "500ms");
			int newMaster = topology.splitBrain(() -> app.awaitMoreAcknowledged(50));
			long healedAt = System.currentTimeMillis();
			await().atMost(TIMEOUT).until(() -> topology.isReplicaInSync(PartitionScenario.FIRST_MASTER));
			app.awaitMoreAcknowledged(50);
			long lost = scenario.stopAndReport("split brain, safe writes replicas=" + safeWriteReplicas, app, healedAt);
			assertThat(topology.agreedMasterPort()).as("master named by the Sentinels").isEqualTo(newMaster);
			return new Outcome(app.acknowledgedKeys().size(), lost);
		}
	}

	record Outcome(long acknowledged, long lost) {

	}

}
