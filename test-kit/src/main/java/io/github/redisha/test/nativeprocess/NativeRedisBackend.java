package io.github.redisha.test.nativeprocess;

import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;

/**
 * The backend that runs topologies as local {@code redis-server} / {@code redis-sentinel} child processes of the JVM.
 *
 * <p>Not meant to be called directly: use {@link RedisTopologies}. Everything else in this package is internal.
 *
 * <p>Cleanup: every process is ended by its pid when its topology is closed; a JVM shutdown hook closes topologies
 * still open at exit; and a per-JVM watchdog process kills the registered pids when the JVM dies without running
 * shutdown hooks (SIGKILL).
 */
public final class NativeRedisBackend {

	private NativeRedisBackend() {
	}

	/**
	 * Starts a standalone server.
	 * @param spec what to start
	 * @return the running server
	 */
	public static StandaloneRedis startStandalone(StandaloneRedis.Spec spec) {
		return NativeStandaloneRedis.start(spec);
	}

	/**
	 * Starts a Sentinel topology and waits until it is healthy.
	 * @param spec what to start
	 * @return the running topology
	 */
	public static SentinelTopology startSentinel(SentinelTopology.Spec spec) {
		return NativeSentinelTopology.start(spec);
	}

}
