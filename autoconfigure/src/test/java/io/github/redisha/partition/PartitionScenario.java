package io.github.redisha.partition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.partition.NetworkNamespace;

import static org.awaitility.Awaitility.await;

/**
 * The frame of every partition scenario: a namespace with a healthy
 * {@link PartitionedTopology} (master on {@link PartitionedTopology#FIRST_DATA_PORT}),
 * the application started in it, and on {@link #close()} the check that nothing is left
 * behind.
 */
final class PartitionScenario implements AutoCloseable {

	static final int FIRST_MASTER = PartitionedTopology.FIRST_DATA_PORT;

	private final Path dir;

	private final NetworkNamespace namespace;

	private final PartitionedTopology topology;

	private final List<Process> processes = new ArrayList<>();

	private PartitionScenario(Path dir, NetworkNamespace namespace) throws IOException {
		this.dir = dir;
		this.namespace = namespace;
		this.topology = new PartitionedTopology(namespace, dir);
		this.processes.addAll(this.topology.processes());
	}

	static PartitionScenario start(Path dir) throws IOException {
		NetworkNamespace namespace = NetworkNamespace.create();
		try {
			PartitionScenario scenario = new PartitionScenario(dir, namespace);
			await().atMost(AppRun.TIMEOUT).until(() -> scenario.topology.isHealthyWithMaster(FIRST_MASTER));
			return scenario;
		}
		catch (IOException | RuntimeException | Error ex) {
			namespace.close();
			throw ex;
		}
	}

	NetworkNamespace namespace() {
		return this.namespace;
	}

	PartitionedTopology topology() {
		return this.topology;
	}

	/**
	 * Starts the application in the namespace and waits until it has written 50 keys.
	 * @param plain plain Spring Boot instead of redis-ha
	 * @param environment variable, value pairs on top of the Sentinel settings
	 */
	AppRun startWriting(boolean plain, String... environment) throws IOException {
		AppRun app = AppRun.start(this.namespace, this.topology, this.dir, plain, environment);
		this.processes.add(app.process());
		app.awaitMoreAcknowledged(50);
		return app;
	}

	/**
	 * Stops the application, counts its acknowledged writes missing on the master the
	 * Sentinels name, and prints its numbers.
	 * @return the acknowledged writes lost
	 */
	long stopAndReport(String scenario, AppRun app, long healedAt) throws IOException {
		app.stop();
		List<String> keys = app.acknowledgedKeys();
		int master = await().atMost(AppRun.TIMEOUT).until(this.topology::agreedMasterPort, (port) -> port != -1);
		long lost = keys.size() - this.topology.existing(master, keys);
		app.report(scenario, lost, healedAt);
		return lost;
	}

	@Override
	public void close() throws Exception {
		this.namespace.close();
		LeftBehind.assertNothing(this.namespace.name(), this.processes);
	}

}
