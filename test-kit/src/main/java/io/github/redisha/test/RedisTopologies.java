package io.github.redisha.test;

/**
 * Entry point for starting real Redis topologies in tests.
 *
 * <pre>{@code
 * try (SentinelTopology topology = RedisTopologies.sentinel().password("secret").start()) {
 *     RedisNode master = topology.master();
 *     master.kill();
 *     RedisNode newMaster = topology.awaitFailover(master, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>
 * Processes are started from the {@code redis-server} and {@code redis-sentinel} binaries
 * found on the {@code PATH} (override with the system properties
 * {@code redisha.test.redis-server} and {@code redisha.test.redis-sentinel}) and listen
 * on free ports of {@code 127.0.0.1} only.
 *
 * @author redis-ha
 */
public final class RedisTopologies {

	private RedisTopologies() {
	}

	/**
	 * A builder for a single standalone server.
	 * @return a new builder
	 */
	public static StandaloneRedis.Builder standalone() {
		return new StandaloneRedis.Builder();
	}

	/**
	 * A builder for a Sentinel topology: by default one master, 2 replicas, 3 Sentinels
	 * with quorum 2, master name {@code mymaster}, {@code down-after-milliseconds} 1 s,
	 * {@code failover-timeout} 10 s, no passwords.
	 * @return a new builder
	 */
	public static SentinelTopology.Builder sentinel() {
		return new SentinelTopology.Builder();
	}

	/**
	 * A builder for a Redis Cluster: by default 3 primaries with one replica each,
	 * {@code cluster-node-timeout} 1 s, no password.
	 * @return a new builder
	 */
	public static ClusterTopology.Builder cluster() {
		return new ClusterTopology.Builder();
	}

}
