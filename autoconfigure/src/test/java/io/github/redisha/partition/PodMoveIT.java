package io.github.redisha.partition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.partition.NetworkNamespace;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pods that come back under their names on new IPs ({@link PodTopology}: names in the
 * namespace's own hosts file or served by dnsmasq in it with a TTL of 1 s, announced by
 * every Redis and Sentinel). The application runs inside the namespace as a child JVM, so
 * it resolves the names exactly as in production: its {@code /etc/hosts} is the
 * namespace's, read by the starter's resolver. Under a writer (a SET every 5 ms) no error
 * reaches the caller and every acknowledged write is on the final master.
 */
class PodMoveIT {

	@Test
	void replicasBackOnNewAddressesThenMasterKilled(@TempDir Path dir) throws Exception {
		replicasMovedThenMasterKilled(dir, false);
	}

	@Test
	void replicasBackOnNewAddressesServedByDnsThenMasterKilled(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
			throws Exception {
		replicasMovedThenMasterKilled(dir, true);
	}

	private void replicasMovedThenMasterKilled(Path dir, boolean dns) throws Exception {
		List<Process> processes = new ArrayList<>();
		NetworkNamespace namespace = NetworkNamespace.create();
		String name = namespace.name();
		try (namespace) {
			PodTopology pods = new PodTopology(namespace, dir, dns);
			processes.addAll(pods.processes());
			awaitHealthy(pods, PodTopology.name(0), 2);
			AppRun app = AppRun.start(namespace, pods.sentinelAddresses(), dir, false);
			processes.add(app.process());
			app.awaitMoreAcknowledged(50);

			for (int replica = 1; replica <= 2; replica++) {
				String before = pods.address(replica);
				assertThat(pods.restartOnNewAddress(replica)).isNotEqualTo(before);
				awaitHealthy(pods, PodTopology.name(0), 2);
				app.awaitMoreAcknowledged(50);
			}
			long killedAt = System.currentTimeMillis();
			pods.killRedis(0);
			String promoted = await().atMost(AppRun.TIMEOUT)
				.until(pods::agreedMaster, (master) -> master != null && !master.equals(PodTopology.name(0)));
			app.awaitMoreAcknowledged(200);

			long lost = stopAndCountLost(pods, app, promoted,
					"replicas moved, then master SIGKILL, names from " + (dns ? "DNS" : "the hosts file"), killedAt);
			processes.addAll(namespace.processes());
			assertThat(app.lines("FAIL ")).as("errors reaching the caller").isEmpty();
			assertThat(lost).as("acknowledged writes missing on %s, of %d", promoted, app.acknowledgedKeys().size())
				.isZero();
		}
		assertNothingLeft(name, processes);
	}

	@Test
	void masterBackOnNewAddressThenFailedOverToAgain(@TempDir Path dir) throws Exception {
		List<Process> processes = new ArrayList<>();
		NetworkNamespace namespace = NetworkNamespace.create();
		String name = namespace.name();
		try (namespace) {
			PodTopology pods = new PodTopology(namespace, dir, false);
			awaitHealthy(pods, PodTopology.name(0), 2);
			AppRun app = AppRun.start(namespace, pods.sentinelAddresses(), dir, false);
			processes.add(app.process());
			app.awaitMoreAcknowledged(50);

			pods.killRedis(0);
			String promoted = await().atMost(AppRun.TIMEOUT)
				.until(pods::agreedMaster, (master) -> master != null && !master.equals(PodTopology.name(0)));
			app.awaitMoreAcknowledged(50);
			pods.restartOnNewAddress(0);
			awaitHealthy(pods, promoted, 2);
			app.awaitMoreAcknowledged(50);

			// the second failover can only go to the pod that moved
			int other = (promoted.equals(PodTopology.name(1))) ? 2 : 1;
			pods.replicaPriority(other, 0);
			long killedAt = System.currentTimeMillis();
			pods.killRedis(promoted.equals(PodTopology.name(1)) ? 1 : 2);
			await().atMost(AppRun.TIMEOUT).until(pods::agreedMaster, PodTopology.name(0)::equals);
			app.awaitMoreAcknowledged(200);

			long lost = stopAndCountLost(pods, app, PodTopology.name(0), "master moved, failed over to again",
					killedAt);
			processes.addAll(namespace.processes());
			assertThat(app.lines("FAIL ")).as("errors reaching the caller").isEmpty();
			assertThat(lost).as("acknowledged writes missing, of %d", app.acknowledgedKeys().size()).isZero();
		}
		assertNothingLeft(name, processes);
	}

	private static void awaitHealthy(PodTopology pods, String master, int replicas) throws Exception {
		try {
			await().atMost(AppRun.TIMEOUT).until(() -> pods.isHealthyWithMaster(master, replicas));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Not healthy with master " + master + ":" + pods.describe(), ex);
		}
	}

	private static long stopAndCountLost(PodTopology pods, AppRun app, String master, String scenario, long faultAt)
			throws Exception {
		app.stop();
		List<String> keys = app.acknowledgedKeys();
		long lost = keys.size() - pods.existing(master, keys);
		if (lost > 0) {
			List<String> missing = keys.stream().filter((key) -> pods.existing(master, List.of(key)) == 0).toList();
			List<String> acks = app.lines("ACK ");
			System.out.println("lost on " + master + ", ms after the fault: "
					+ acks.stream()
						.filter((line) -> missing.contains(line.split(" ")[2]))
						.map((line) -> line.split(" ")[2] + "@" + (AppRun.millis(line) - faultAt))
						.toList());
			System.out.println(pods.describe());
		}
		app.report("pod move: " + scenario, lost, faultAt);
		return lost;
	}

	// the namespace (with its rules), every process (servers, the application, dnsmasq)
	// and /etc/netns/<namespace>
	private static void assertNothingLeft(String namespace, List<Process> processes) throws Exception {
		LeftBehind.assertNothing(namespace, processes);
		assertThat(Files.exists(Path.of("/etc/netns", namespace))).as("/etc/netns/%s left behind", namespace).isFalse();
	}

}
