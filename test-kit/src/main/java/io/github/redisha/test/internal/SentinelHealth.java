package io.github.redisha.test.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.redisha.test.RedisNode;

/**
 * What the waits of a Sentinel topology check: who the Sentinels say the master is,
 * whether it answers as one, and whether the whole topology is healthy.
 *
 * @author redis-ha
 */
final class SentinelHealth {

	private static final List<String> BAD_FLAGS = List.of("s_down", "o_down", "disconnected", "failover_in_progress",
			"promoted");

	private final Probe probe;

	private final String masterName;

	private final List<ManagedRedisNode> dataNodes;

	private final List<ManagedRedisNode> sentinels;

	SentinelHealth(Probe probe, String masterName, List<ManagedRedisNode> dataNodes, List<ManagedRedisNode> sentinels) {
		this.probe = probe;
		this.masterName = masterName;
		this.dataNodes = dataNodes;
		this.sentinels = sentinels;
	}

	/**
	 * The master a majority of the reachable Sentinels report, once it answers
	 * {@code ROLE master}; else {@code null}, with what is missing.
	 * @param missing collects what is not yet as expected
	 * @return the master, or {@code null}
	 */
	ManagedRedisNode majorityMaster(List<String> missing) {
		Map<Integer, List<String>> reports = new TreeMap<>();
		int reachable = 0;
		for (ManagedRedisNode sentinel : responsive(this.sentinels)) {
			try {
				InetSocketAddress address = masterAddress(sentinel);
				reports.computeIfAbsent(address.getPort(), (k) -> new ArrayList<>()).add(sentinel.name());
				reachable++;
			}
			catch (RuntimeException ex) {
				missing.add(sentinel + " did not answer: " + Poll.describe(ex));
			}
		}
		if (reachable == 0) {
			missing.add("no reachable Sentinel");
			return null;
		}
		Map.Entry<Integer, List<String>> best = Collections.max(reports.entrySet(),
				Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size())));
		if (best.getValue().size() * 2 <= reachable) {
			missing.add("no majority among " + reachable + " reachable Sentinels: " + describe(reports));
			return null;
		}
		return verifiedMaster(best.getKey(), missing);
	}

	/**
	 * The master all running Sentinels report instead of {@code oldMaster}, once it
	 * answers {@code ROLE master}; else {@code null}, with what is missing.
	 * @param oldMaster the master before the failover
	 * @param missing collects what is not yet as expected
	 * @return the new master, or {@code null}
	 */
	ManagedRedisNode newMaster(RedisNode oldMaster, List<String> missing) {
		Map<Integer, List<String>> reports = sentinelReports(missing);
		if (reports == null) {
			return null;
		}
		if (reports.size() != 1) {
			missing.add("Sentinels disagree: " + describe(reports));
			return null;
		}
		int port = reports.keySet().iterator().next();
		if (port == announcedPort(oldMaster)) {
			missing.add("Sentinels still report the old master " + oldMaster.address());
			return null;
		}
		return verifiedMaster(port, missing);
	}

	/**
	 * Adds to {@code missing} whatever keeps the topology from being healthy: the
	 * Sentinels agree on a master that answers {@code ROLE master}, every responsive
	 * replica is in sync with it, every Sentinel knows the replicas and the other
	 * Sentinels without bad flags.
	 * @param missing collects what is not yet healthy
	 */
	void check(List<String> missing) {
		Map<Integer, List<String>> reports = sentinelReports(missing);
		if (reports == null) {
			return;
		}
		if (reports.size() != 1) {
			missing.add("Sentinels disagree about the master: " + describe(reports));
			return;
		}
		ManagedRedisNode master = verifiedMaster(reports.keySet().iterator().next(), missing);
		if (master == null) {
			return;
		}
		List<ManagedRedisNode> liveReplicas = responsive(this.dataNodes);
		liveReplicas.remove(master);
		for (ManagedRedisNode replica : liveReplicas) {
			ReplicaSync.check(this.probe, replica, master, missing);
		}
		List<ManagedRedisNode> liveSentinels = responsive(this.sentinels);
		for (ManagedRedisNode sentinel : liveSentinels) {
			Probe.SentinelView view;
			try {
				view = this.probe.sentinelView(sentinel.port(), sentinel.password(), this.masterName);
			}
			catch (RuntimeException ex) {
				missing.add(sentinel + " did not answer SENTINEL MASTER/REPLICAS/SENTINELS: " + Poll.describe(ex));
				continue;
			}
			String masterFlags = view.master().getOrDefault("flags", "");
			if (hasBadFlag(masterFlags)) {
				missing.add(sentinel + " sees master " + master.address() + " with flags " + masterFlags);
			}
			for (ManagedRedisNode replica : liveReplicas) {
				Map<String, String> entry = find(view.replicas(), replica.announcedPort());
				if (entry == null) {
					missing.add(sentinel + " does not know replica " + replica.address() + " yet");
				}
				else if (hasBadFlag(entry.getOrDefault("flags", ""))) {
					// flags only: master-link-status is refreshed by the Sentinel's INFO
					// poll every 10 s, and the
					// replica's real link state is checked on the replica itself
					missing.add(sentinel + " sees replica " + replica.address() + " with flags " + entry.get("flags"));
				}
			}
			for (ManagedRedisNode other : liveSentinels) {
				if (other == sentinel) {
					continue;
				}
				Map<String, String> entry = find(view.sentinels(), other.announcedPort());
				if (entry == null) {
					missing.add(sentinel + " does not know " + other + " yet (num-other-sentinels="
							+ view.master().get("num-other-sentinels") + ")");
				}
				else if (hasBadFlag(entry.getOrDefault("flags", ""))) {
					missing.add(sentinel + " sees " + other + " with flags " + entry.get("flags"));
				}
			}
		}
	}

	/**
	 * GET-MASTER-ADDR-BY-NAME of every running, unfrozen Sentinel, grouped by reported
	 * port; {@code null} (with {@code missing} filled) unless all of them answered.
	 * @param missing collects what is not yet as expected
	 * @return the Sentinels' answers by reported port, or {@code null}
	 */
	private Map<Integer, List<String>> sentinelReports(List<String> missing) {
		List<ManagedRedisNode> live = responsive(this.sentinels);
		if (live.isEmpty()) {
			missing.add("no Sentinel is running");
			return null;
		}
		Map<Integer, List<String>> reports = new TreeMap<>();
		for (ManagedRedisNode sentinel : live) {
			try {
				InetSocketAddress address = masterAddress(sentinel);
				reports.computeIfAbsent(address.getPort(), (k) -> new ArrayList<>()).add(sentinel.name());
			}
			catch (RuntimeException ex) {
				missing.add(sentinel + " did not answer GET-MASTER-ADDR-BY-NAME: " + Poll.describe(ex));
			}
		}
		return missing.isEmpty() ? reports : null;
	}

	private InetSocketAddress masterAddress(ManagedRedisNode sentinel) {
		InetSocketAddress address = this.probe.masterAddress(sentinel.port(), sentinel.password(), this.masterName);
		if (address == null) {
			throw new IllegalStateException("no master named '" + this.masterName + "'");
		}
		return address;
	}

	/**
	 * The data node on {@code port} if it is running and answers ROLE master, else
	 * {@code null}.
	 * @param port the port Sentinel reports
	 * @param missing collects what is not yet as expected
	 * @return the verified master, or {@code null}
	 */
	private ManagedRedisNode verifiedMaster(int port, List<String> missing) {
		ManagedRedisNode node = byPort(port);
		if (node == null) {
			missing.add("Sentinels report master 127.0.0.1:" + port + ", which is no data node of this topology");
			return null;
		}
		if (!node.isRunning()) {
			missing.add("Sentinels report master " + node + ", which is not running");
			return null;
		}
		if (node.isFrozen()) {
			missing.add("Sentinels report master " + node + ", which is frozen");
			return null;
		}
		String role;
		try {
			role = this.probe.role(node.port(), node.password());
		}
		catch (RuntimeException ex) {
			missing.add("Sentinels report master " + node + ", which does not answer ROLE: " + Poll.describe(ex));
			return null;
		}
		if (!"master".equals(role)) {
			missing.add("Sentinels report master " + node + ", but its ROLE is " + role);
			return null;
		}
		return node;
	}

	/**
	 * The data node Sentinel means by {@code port} (its announced port).
	 * @param port the announced port of the node
	 * @return the data node, or {@code null} when none has that port
	 */
	private ManagedRedisNode byPort(int port) {
		for (ManagedRedisNode node : this.dataNodes) {
			if (node.announcedPort() == port) {
				return node;
			}
		}
		return null;
	}

	private int announcedPort(RedisNode node) {
		return (node instanceof ManagedRedisNode managed) ? managed.announcedPort() : node.port();
	}

	static List<ManagedRedisNode> responsive(List<ManagedRedisNode> nodes) {
		return nodes.stream().filter(ManagedRedisNode::isResponsive).collect(Collectors.toCollection(ArrayList::new));
	}

	private static Map<String, String> find(List<Map<String, String>> entries, int port) {
		for (Map<String, String> entry : entries) {
			if (ManagedRedisNode.HOST.equals(entry.get("ip")) && String.valueOf(port).equals(entry.get("port"))) {
				return entry;
			}
		}
		return null;
	}

	private static boolean hasBadFlag(String flags) {
		Set<String> set = new TreeSet<>(List.of(flags.split(",")));
		return BAD_FLAGS.stream().anyMatch(set::contains);
	}

	private static String describe(Map<Integer, List<String>> reports) {
		return reports.entrySet()
			.stream()
			.map((e) -> e.getValue() + " -> 127.0.0.1:" + e.getKey())
			.collect(Collectors.joining(", "));
	}

}
