package io.github.redisha.partition;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A split brain heals: the old master, isolated from the Sentinels and the replicas while
 * the Sentinels promoted a replica, is reachable again and is demoted. The application
 * ends on the one true master, writing there, with no {@code READONLY} (or any other
 * error) reaching it, and the old master rejoins as its replica. Safe writes are off:
 * with them the application could not have written to the isolated master at all (see
 * {@link SplitBrainIT}).
 */
class PartitionHealIT {

	@Test
	void applicationEndsOnTheOneTrueMasterWithoutReadOnlyErrors(@TempDir Path dir) throws Exception {
		try (PartitionScenario scenario = PartitionScenario.start(dir)) {
			PartitionedTopology topology = scenario.topology();
			AppRun app = scenario.startApp(false);
			app.awaitMoreAcknowledged(50);

			int newMaster = topology.splitBrain(() -> app.awaitMoreAcknowledged(100));
			await().atMost(AppRun.TIMEOUT).until(() -> topology.isReplicaInSync(PartitionScenario.FIRST_MASTER));
			long rejoinedAt = System.currentTimeMillis();
			app.awaitMoreAcknowledged(100);
			app.stop();

			assertThat(topology.agreedMasterPort()).as("master named by the Sentinels").isEqualTo(newMaster);
			assertThat(topology.dataNodes()).as("data nodes answering ROLE master")
				.filteredOn((node) -> topology.role(node.ports().get(0)).equals("master"))
				.hasSize(1);
			List<String> keys = app.acknowledgedKeys();
			List<String> sinceRejoined = app.lines("ACK ")
				.stream()
				.filter((line) -> AppRun.millis(line) >= rejoinedAt)
				.map((line) -> line.split(" ")[2])
				.toList();
			assertThat(topology.existing(newMaster, sinceRejoined))
				.as("writes acknowledged after the old master rejoined, on the one master")
				.isEqualTo(sinceRejoined.size());
			await().atMost(AppRun.TIMEOUT)
				.until(() -> topology.existing(PartitionScenario.FIRST_MASTER, sinceRejoined) == sinceRejoined.size());
			app.report("split brain healed (redis-ha, no safe writes)",
					keys.size() - topology.existing(newMaster, keys));
			assertThat(app.lines("FAIL ")).as("failed writes").noneMatch((line) -> line.contains("READONLY")).isEmpty();
		}
	}

}
