package io.github.redisha.test.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the cleanup tests inspect of a topology running on the native backend.
 */
final class NativeInternals {

	private NativeInternals() {
	}

	/** The temporary directory holding all node directories. */
	static Path rootDirectory(ManagedSentinelTopology topology) {
		return ((Processes) topology.runtimes()).root();
	}

	static Path rootDirectory(ManagedClusterTopology cluster) {
		return ((Processes) cluster.runtimes()).root();
	}

	static Path rootDirectory(ManagedStandaloneRedis redis) {
		return ((Processes) redis.runtimes()).root();
	}

	/** The last process of every node (alive or not). */
	static List<Process> processes(ManagedSentinelTopology topology) {
		return processes(topology.nodeRuntimes());
	}

	static List<Process> processes(ManagedClusterTopology cluster) {
		return processes(cluster.nodeRuntimes());
	}

	private static List<Process> processes(List<ServerRuntime> runtimes) {
		return runtimes.stream()
			.map((runtime) -> ((ProcessRuntime) runtime).lastProcess())
			.flatMap(Optional::stream)
			.toList();
	}

}
