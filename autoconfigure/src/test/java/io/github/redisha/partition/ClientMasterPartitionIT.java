package io.github.redisha.partition;

import java.nio.file.Path;
import java.util.List;

import io.github.redisha.test.partition.Cut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application is cut from the master only; the Sentinels and the replicas still reach
 * it, so there is no failover. Writes cannot be acknowledged while the link is cut (they
 * fail after the command timeout, 1 s here), and none that was acknowledged is lost:
 * every acknowledged key is on the master once the link heals. Reads, sent to the
 * replicas ({@code REDIS_READ_FROM=replica-preferred}), go on throughout without an
 * error. A plain Spring Boot application runs beside it through the same cut, for the
 * numbers in docs/benchmarks.md.
 */
class ClientMasterPartitionIT {

	@Test
	void noAcknowledgedWriteIsLostAndReadsContinueFromReplicas(@TempDir Path dir) throws Exception {
		try (PartitionScenario scenario = PartitionScenario.start(dir)) {
			PartitionedTopology topology = scenario.topology();
			AppRun app = scenario.startWriting(false, "REDIS_READ_FROM", "replica-preferred",
					"SPRING_DATA_REDIS_TIMEOUT", "1s");
			AppRun plain = scenario.startWriting(true, "SPRING_DATA_REDIS_LETTUCE_READ_FROM", "replica-preferred",
					"SPRING_DATA_REDIS_TIMEOUT", "1s");
			app.awaitMoreReads(50);
			plain.awaitMoreReads(50);

			long cutAt = System.currentTimeMillis();
			try (Cut cut = scenario.namespace()
				.cut(List.of(app.party(), plain.party()), List.of(topology.dataNodes().get(0)))) {
				// proof the link is cut: writes fail; and the Sentinels, still reaching
				// the
				// master, keep it
				app.awaitUntil("3 failed writes", () -> app.countSince("FAIL ", cutAt) >= 3);
				app.awaitMoreReads(200);
				assertThat(topology.agreedMasterPort()).as("master named by the Sentinels")
					.isEqualTo(PartitionScenario.FIRST_MASTER);
			}
			long healedAt = System.currentTimeMillis();
			app.awaitMoreAcknowledged(50);
			long lost = scenario.stopAndReport("client cut from the master", app, healedAt);
			scenario.stopAndReport("client cut from the master", plain, healedAt);

			assertThat(lost).as("acknowledged writes missing on the master, of %d", app.acknowledgedKeys().size())
				.isZero();
			assertThat(app.lines("READFAIL ")).as("failed reads").isEmpty();
		}
	}

}
