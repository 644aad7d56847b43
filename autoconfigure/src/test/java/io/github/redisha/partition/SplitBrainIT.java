package io.github.redisha.partition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.partition.Cut;
import io.github.redisha.test.partition.NetworkNamespace;
import io.github.redisha.test.partition.Party;
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
	void noAcknowledgedWriteIsLostWithSafeWrites(@TempDir Path dir) throws IOException {
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
	void withoutSafeWritesTheIsolatedMasterLosesAcknowledgedWrites(@TempDir Path dir) throws IOException {
		Outcome outcome = splitBrain(dir, 0);
		System.out.println("split brain without safe writes: " + outcome.lost() + " of " + outcome.acknowledged()
				+ " acknowledged writes lost");
		assertThat(outcome.lost()).as("acknowledged writes missing on the final master, of %d", outcome.acknowledged())
			.isPositive();
	}

	private Outcome splitBrain(Path dir, int safeWriteReplicas) throws IOException {
		try (NetworkNamespace namespace = NetworkNamespace.create()) {
			PartitionedTopology topology = new PartitionedTopology(namespace, dir);
			int oldMaster = PartitionedTopology.FIRST_DATA_PORT;
			await().atMost(TIMEOUT).until(() -> topology.isHealthyWithMaster(oldMaster));

			Path appDir = Files.createDirectories(dir.resolve("app"));
			Path stop = appDir.resolve("stop");
			Party app = namespace.party("app");
			namespace.start(app, appDir, appCommand(topology, stop, safeWriteReplicas));
			Path output = appDir.resolve("stdout.log");
			await().atMost(TIMEOUT).until(() -> acknowledged(output).size() >= 50);

			List<Party> others = new ArrayList<>(topology.sentinels());
			others.addAll(topology.dataNodes().subList(1, 3));
			int newMaster;
			try (Cut cut = namespace.cut(List.of(topology.dataNodes().get(0)), others)) {
				await().atMost(TIMEOUT).until(() -> {
					int port = topology.agreedMasterPort();
					return port != -1 && port != oldMaster;
				});
				newMaster = topology.agreedMasterPort();
				// the isolated old master still believes it is the master, and the
				// application can reach it
				assertThat(topology.role(oldMaster)).isEqualTo("master");
				int before = acknowledged(output).size();
				await().atMost(TIMEOUT).until(() -> acknowledged(output).size() >= before + 50);
			}
			await().atMost(TIMEOUT)
				.until(() -> topology.role(oldMaster).equals("slave")
						&& topology.info(oldMaster, "replication").contains("master_link_status:up"));
			int healed = acknowledged(output).size();
			await().atMost(TIMEOUT).until(() -> acknowledged(output).size() >= healed + 50);
			Files.writeString(stop, "stop");
			await().atMost(TIMEOUT).until(() -> Files.readString(output).contains("DONE"));

			List<String> keys = acknowledged(output);
			assertThat(Files.readString(output)).doesNotContain("STARTUP FAILED");
			return new Outcome(keys.size(), keys.size() - topology.existing(newMaster, keys));
		}
	}

	private static List<String> appCommand(PartitionedTopology topology, Path stop, int safeWriteReplicas) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return List.of("env", "REDIS_SENTINEL_ENABLED=true", "REDIS_SENTINELS=" + topology.sentinelAddresses(),
				"REDIS_MASTER_NAME=" + PartitionedTopology.MASTER_NAME,
				"REDIS_FAILOVER_SAFE_WRITE_REPLICAS=" + safeWriteReplicas, "REDIS_FAILOVER_SAFE_WRITE_TIMEOUT=500ms",
				java, "-Xmx256m", "-cp", classpath, PartitionedApp.class.getName(), stop.toString(), "split-brain");
	}

	private static List<String> acknowledged(Path output) throws IOException {
		if (!Files.exists(output)) {
			return List.of();
		}
		return Files.readAllLines(output)
			.stream()
			.filter((line) -> line.startsWith("ACK "))
			.map((line) -> line.substring(4))
			.toList();
	}

	record Outcome(long acknowledged, long lost) {

	}

}
