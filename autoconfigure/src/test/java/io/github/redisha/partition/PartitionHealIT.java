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
 * {@link SplitBrainIT}). A plain Spring Boot application beside it stays on the isolated
 * master (it asks the Sentinels only when its connection drops) and loses what it wrote
 * there: proof that the split brain took effect while the applications wrote.
 */
class PartitionHealIT {

	@Test
	void applicationEndsOnTheOneTrueMasterWithoutReadOnlyErrors(@TempDir Path dir) throws Exception {
		try (PartitionScenario scenario = PartitionScenario.start(dir)) {
			PartitionedTopology topology = scenario.topology();
			AppRun app = scenario.startWriting(false);
			AppRun plain = scenario.startWriting(true);

			int newMaster = topology.splitBrain(() -> {
				app.awaitMoreAcknowledged(100);
				plain.awaitMoreAcknowledged(100);
			});
			long healedAt = System.currentTimeMillis();
			await().atMost(AppRun.TIMEOUT).until(() -> topology.isReplicaInSync(PartitionScenario.FIRST_MASTER));
			long rejoinedAt = System.currentTimeMillis();
			app.awaitMoreAcknowledged(100);
			scenario.stopAndReport("split brain healed (no safe writes)", app, healedAt);
			long plainLost = scenario.stopAndReport("split brain healed (no safe writes)", plain, healedAt);

			assertThat(topology.agreedMasterPort()).as("master named by the Sentinels").isEqualTo(newMaster);
			assertThat(topology.dataNodes()).as("data nodes answering ROLE master")
				.filteredOn((node) -> topology.role(node.ports().get(0)).equals("master"))
				.hasSize(1);
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
			assertThat(app.lines("FAIL ")).as("failed writes").isEmpty();
			assertThat(plainLost).as("writes plain Boot lost on the isolated master").isPositive();
		}
	}

}
