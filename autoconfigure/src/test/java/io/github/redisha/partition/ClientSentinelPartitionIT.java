package io.github.redisha.partition;

import java.nio.file.Path;
import java.util.List;

import io.github.redisha.test.partition.Cut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application is cut from the Sentinels only; the master is healthy and reachable.
 * Writes go on without a single error (nothing about the master changed, and the failover
 * engine's questions to the Sentinels run beside the application's commands), and the
 * {@code redis} health says the Sentinels are unreachable, and that the application
 * cannot follow a failover until one answers, until the link heals. A plain Spring Boot
 * application runs beside it through the same cut, for the numbers in docs/benchmarks.md.
 */
class ClientSentinelPartitionIT {

	@Test
	void writesContinueAndHealthSaysTheSentinelsAreUnreachable(@TempDir Path dir) throws Exception {
		try (PartitionScenario scenario = PartitionScenario.start(dir)) {
			PartitionedTopology topology = scenario.topology();
			AppRun app = scenario.startWriting(false);
			AppRun plain = scenario.startWriting(true);
			app.awaitHealthContaining("reachable=3");

			try (Cut cut = scenario.namespace().cut(List.of(app.party(), plain.party()), topology.sentinels())) {
				// proof the link is cut: the application's own check reaches no Sentinel,
				// while they answer the test
				String health = app.awaitHealthContaining("reachable=0");
				assertThat(health).contains("no sentinel answered")
					.contains("cannot follow a failover until a sentinel answers")
					.contains("unreachable: no answer within");
				assertThat(topology.agreedMasterPort()).as("master named by the Sentinels")
					.isEqualTo(PartitionScenario.FIRST_MASTER);
				app.awaitMoreAcknowledged(400);
			}
			long healedAt = System.currentTimeMillis();
			app.awaitHealthContaining("reachable=3");
			app.awaitMoreAcknowledged(50);
			long lost = scenario.stopAndReport("client cut from the Sentinels", app, healedAt);
			scenario.stopAndReport("client cut from the Sentinels", plain, healedAt);

			assertThat(app.lines("FAIL ")).as("failed writes").isEmpty();
			assertThat(lost).as("acknowledged writes missing on the master, of %d", app.acknowledgedKeys().size())
				.isZero();
		}
	}

}
