package io.github.redisha.test.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.SentinelTopology.Spec;

/**
 * The configuration files of a Sentinel topology's data nodes and Sentinels.
 *
 * @author redis-ha
 */
final class SentinelTopologyConfig {

	private SentinelTopologyConfig() {
	}

	/**
	 * A data node's configuration.
	 * @param spec the topology
	 * @param node the data node
	 * @param replicaOf the port of the master it replicates, or {@code -1} for the master
	 * @param zone the node's zone, or {@code null} for none
	 * @return the configuration lines
	 */
	static List<String> dataNode(Spec spec, ManagedRedisNode node, int replicaOf, String zone) {
		List<String> config = new ArrayList<>(node.baseConfig());
		config.addAll(NodeConfig.tls(spec.tls()));
		config.add("save \"\"");
		config.add("appendonly no");
		config.add("replica-announce-ip " + ManagedRedisNode.HOST);
		// start full syncs at once instead of waiting for more replicas (default delay: 5
		// s)
		config.add("repl-diskless-sync yes");
		config.add("repl-diskless-sync-delay 0");
		if (spec.password() != null) {
			config.add("requirepass " + Dirs.quote(spec.password()));
			config.add("masterauth " + Dirs.quote(spec.password()));
		}
		if (replicaOf > 0) {
			config.add("replicaof " + ManagedRedisNode.HOST + " " + replicaOf);
		}
		if (spec.announceZones()) {
			config.add("availability-zone " + zone);
		}
		config.addAll(spec.extraServerConfig());
		return config;
	}

	/**
	 * A Sentinel's configuration.
	 * @param spec the topology
	 * @param sentinel the Sentinel
	 * @param masterPort the port of the first master
	 * @return the configuration lines
	 */
	static List<String> sentinel(Spec spec, ManagedRedisNode sentinel, int masterPort) {
		String name = spec.masterName();
		List<String> config = new ArrayList<>(sentinel.baseConfig());
		config.addAll(NodeConfig.tls(spec.tls()));
		config.add("sentinel announce-ip " + ManagedRedisNode.HOST);
		config.add("sentinel resolve-hostnames no");
		if (spec.sentinelPassword() != null) {
			config.add("requirepass " + Dirs.quote(spec.sentinelPassword()));
			config.add("sentinel sentinel-pass " + Dirs.quote(spec.sentinelPassword()));
		}
		config.add("sentinel monitor " + name + " " + ManagedRedisNode.HOST + " " + masterPort + " " + spec.quorum());
		config.add("sentinel down-after-milliseconds " + name + " " + spec.downAfter().toMillis());
		config.add("sentinel failover-timeout " + name + " " + spec.failoverTimeout().toMillis());
		config.add("sentinel parallel-syncs " + name + " " + spec.parallelSyncs());
		if (spec.password() != null) {
			config.add("sentinel auth-pass " + name + " " + Dirs.quote(spec.password()));
		}
		return config;
	}

}
