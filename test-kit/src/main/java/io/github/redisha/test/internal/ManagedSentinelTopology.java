package io.github.redisha.test.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.SentinelTopology;
import io.lettuce.core.RedisCommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master, replicas and Sentinels; their servers run through {@link ServerRuntime}s
 * (local processes or containers).
 *
 * @author redis-ha
 */
final class ManagedSentinelTopology implements SentinelTopology, PortRetries.Startable {

	private static final Logger logger = LoggerFactory.getLogger(ManagedSentinelTopology.class);

	static final Duration MASTER_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration FAILOVER_ACCEPT_TIMEOUT = Duration.ofSeconds(10);

	private static final List<String> BAD_FLAGS = List.of("s_down", "o_down", "disconnected", "failover_in_progress",
			"promoted");

	private final Spec spec;

	private final ServerRuntime.Factory runtimes;

	private final List<Integer> ports;

	private final Probe probe;

	private final List<ManagedRedisNode> dataNodes = new ArrayList<>();

	private final List<ManagedRedisNode> sentinels = new ArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private ManagedSentinelTopology(Spec spec, ServerRuntime.Factory runtimes, List<Integer> ports) {
		this.spec = spec;
		this.ports = ports;
		this.runtimes = runtimes;
		this.probe = new Probe();
		int dataCount = spec.replicas() + 1;
		int nodeCount = dataCount + spec.sentinels();
		for (int i = 0; i < dataCount; i++) {
			this.dataNodes.add(new ManagedRedisNode("node-" + i, false, ports.get(i), tlsPort(ports, nodeCount, i),
					spec.password(), this.probe, spec.startupTimeout(), runtimes));
		}
		for (int i = 0; i < spec.sentinels(); i++) {
			this.sentinels.add(new ManagedRedisNode("sentinel-" + i, true, ports.get(dataCount + i),
					tlsPort(ports, nodeCount, dataCount + i), spec.sentinelPassword(), this.probe,
					spec.startupTimeout(), runtimes));
		}
		int masterPort = this.dataNodes.get(0).announcedPort();
		for (ManagedRedisNode node : this.dataNodes) {
			node.writeConfig(dataNodeConfig(node, (node == this.dataNodes.get(0)) ? -1 : masterPort));
		}
		for (ManagedRedisNode sentinel : this.sentinels) {
			sentinel.writeConfig(sentinelConfig(sentinel, masterPort));
		}
		OpenTopologies.add(this);
	}

	/**
	 * Node {@code index}'s TLS port: the second half of the ports when the topology
	 * speaks TLS, else none.
	 * @param ports the ports allocated for the topology
	 * @param nodeCount the number of data nodes
	 * @param index the index of the data node
	 * @return the TLS port, or {@code 0} without TLS
	 */
	private int tlsPort(List<Integer> ports, int nodeCount, int index) {
		return (this.spec.tls() != null) ? ports.get(nodeCount + index) : 0;
	}

	private List<String> dataNodeConfig(ManagedRedisNode node, int replicaOf) {
		List<String> config = new ArrayList<>(node.baseConfig());
		config.addAll(ManagedRedisNode.tlsConfig(this.spec.tls()));
		config.add("save \"\"");
		config.add("appendonly no");
		config.add("replica-announce-ip " + ManagedRedisNode.HOST);
		// start full syncs at once instead of waiting for more replicas (default delay: 5
		// s)
		config.add("repl-diskless-sync yes");
		config.add("repl-diskless-sync-delay 0");
		if (this.spec.password() != null) {
			config.add("requirepass " + Dirs.quote(this.spec.password()));
			config.add("masterauth " + Dirs.quote(this.spec.password()));
		}
		if (replicaOf > 0) {
			config.add("replicaof " + ManagedRedisNode.HOST + " " + replicaOf);
		}
		config.addAll(this.spec.extraServerConfig());
		return config;
	}

	private List<String> sentinelConfig(ManagedRedisNode sentinel, int masterPort) {
		String name = this.spec.masterName();
		List<String> config = new ArrayList<>(sentinel.baseConfig());
		config.addAll(ManagedRedisNode.tlsConfig(this.spec.tls()));
		config.add("sentinel announce-ip " + ManagedRedisNode.HOST);
		config.add("sentinel resolve-hostnames no");
		if (this.spec.sentinelPassword() != null) {
			config.add("requirepass " + Dirs.quote(this.spec.sentinelPassword()));
			config.add("sentinel sentinel-pass " + Dirs.quote(this.spec.sentinelPassword()));
		}
		config.add(
				"sentinel monitor " + name + " " + ManagedRedisNode.HOST + " " + masterPort + " " + this.spec.quorum());
		config.add("sentinel down-after-milliseconds " + name + " " + this.spec.downAfter().toMillis());
		config.add("sentinel failover-timeout " + name + " " + this.spec.failoverTimeout().toMillis());
		config.add("sentinel parallel-syncs " + name + " " + this.spec.parallelSyncs());
		if (this.spec.password() != null) {
			config.add("sentinel auth-pass " + name + " " + Dirs.quote(this.spec.password()));
		}
		return config;
	}

	/**
	 * Starts a topology; retried on new ports when a port was taken meanwhile.
	 * @param spec what to start
	 * @param runtimes creates the runtimes of one attempt (a fresh temporary directory,
	 * ...)
	 * @return the started topology
	 */
	static SentinelTopology start(Spec spec, Supplier<ServerRuntime.Factory> runtimes) {
		int nodes = spec.replicas() + 1 + spec.sentinels();
		ManagedSentinelTopology topology = PortRetries.start("a Sentinel topology", runtimes,
				() -> Ports.allocate((spec.tls() != null) ? 2 * nodes : nodes), Ports::release,
				(factory, ports) -> new ManagedSentinelTopology(spec, factory, ports));
		logger.info("Started Sentinel topology '{}': data nodes {}, Sentinels {} ({})", spec.masterName(),
				addresses(topology.dataNodes), topology.sentinelAddresses(), topology.runtimes.describe());
		return topology;
	}

	@Override
	public void boot() {
		long deadline = System.nanoTime() + this.spec.startupTimeout().toNanos();
		ManagedRedisNode master = this.dataNodes.get(0);
		master.launch();
		master.awaitUp(Poll.remaining(deadline));
		List<ManagedRedisNode> replicas = this.dataNodes.subList(1, this.dataNodes.size());
		replicas.forEach(ManagedRedisNode::launch);
		for (ManagedRedisNode replica : replicas) {
			replica.awaitUp(Poll.remaining(deadline));
		}
		// replicas connected before the Sentinels start: the Sentinels' first INFO of the
		// master lists them
		Poll.until("the replicas to sync with " + master, Poll.remaining(deadline), (missing) -> {
			for (ManagedRedisNode replica : this.dataNodes.subList(1, this.dataNodes.size())) {
				replica.checkInSyncReplicaOf(master, missing);
			}
			return missing.isEmpty() ? Boolean.TRUE : null;
		});
		this.sentinels.forEach(ManagedRedisNode::launch);
		for (ManagedRedisNode sentinel : this.sentinels) {
			sentinel.awaitUp(Poll.remaining(deadline));
		}
		awaitHealthy(Poll.remaining(deadline));
	}

	@Override
	public String masterName() {
		return this.spec.masterName();
	}

	@Override
	public String password() {
		return this.spec.password();
	}

	@Override
	public String sentinelPassword() {
		return this.spec.sentinelPassword();
	}

	@Override
	public List<RedisNode> dataNodes() {
		return List.copyOf(this.dataNodes);
	}

	@Override
	public List<RedisNode> sentinels() {
		return List.copyOf(this.sentinels);
	}

	@Override
	public String sentinelAddresses() {
		return this.sentinels.stream().map(ManagedRedisNode::clientAddress).collect(Collectors.joining(","));
	}

	private static String addresses(List<ManagedRedisNode> nodes) {
		return nodes.stream().map(RedisNode::address).collect(Collectors.joining(","));
	}

	@Override
	public Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("REDIS_SENTINEL_ENABLED", "true");
		env.put("REDIS_SENTINELS", sentinelAddresses());
		env.put("REDIS_MASTER_NAME", this.spec.masterName());
		if (this.spec.tls() != null) {
			env.put("REDIS_SSL", "true");
		}
		if (this.spec.password() != null) {
			env.put("REDIS_PASSWORD", this.spec.password());
		}
		if (this.spec.sentinelPassword() != null) {
			env.put("REDIS_SENTINEL_PASSWORD", this.spec.sentinelPassword());
		}
		return Collections.unmodifiableMap(env);
	}

	@Override
	public RedisNode master() {
		checkOpen();
		return Poll.until("a majority of the reachable Sentinels to agree on a master of '" + masterName()
				+ "' that answers ROLE master", MASTER_LOOKUP_TIMEOUT, (missing) -> {
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
				});
	}

	@Override
	public List<RedisNode> replicas() {
		RedisNode master = master();
		return this.dataNodes.stream().filter((node) -> node != master).collect(Collectors.toUnmodifiableList());
	}

	@Override
	public void failover() {
		checkOpen();
		Poll.until("a Sentinel to accept SENTINEL FAILOVER " + masterName(), FAILOVER_ACCEPT_TIMEOUT, (missing) -> {
			List<ManagedRedisNode> candidates = responsive(this.sentinels);
			if (candidates.isEmpty()) {
				throw new RedisTopologyException("Cannot fail over '" + masterName() + "': no Sentinel is running");
			}
			for (ManagedRedisNode sentinel : candidates) {
				try {
					String reply = this.probe.failover(sentinel.port(), sentinel.password(), masterName());
					logger.info("{} accepted SENTINEL FAILOVER {}: {}", sentinel, masterName(), reply);
					return Boolean.TRUE;
				}
				catch (RedisCommandExecutionException ex) {
					if (String.valueOf(ex.getMessage()).startsWith("INPROG")) {
						throw new RedisTopologyException(
								"Cannot fail over '" + masterName() + "': " + sentinel + " answered " + ex.getMessage(),
								ex);
					}
					missing.add(sentinel + " answered " + ex.getMessage());
				}
				catch (RuntimeException ex) {
					missing.add(sentinel + " did not answer: " + Poll.describe(ex));
				}
			}
			return null;
		});
	}

	@Override
	public RedisNode awaitFailover(RedisNode oldMaster, Duration timeout) {
		checkOpen();
		Objects.requireNonNull(oldMaster, "oldMaster");
		return Poll.until("all running Sentinels to report a new master of '" + masterName() + "' instead of "
				+ oldMaster.address() + ", answering ROLE master", timeout, (missing) -> {
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
				});
	}

	@Override
	public void awaitHealthy(Duration timeout) {
		checkOpen();
		Poll.until("Sentinel topology '" + masterName() + "' to be healthy", timeout, (missing) -> {
			checkHealth(missing);
			return missing.isEmpty() ? Boolean.TRUE : null;
		});
	}

	@Override
	public void restore(Duration timeout) {
		checkOpen();
		List<ManagedRedisNode> nodes = new ArrayList<>(this.dataNodes);
		nodes.addAll(this.sentinels);
		for (ManagedRedisNode node : nodes) {
			// both are no-ops on a node that is not frozen / already running
			node.thaw();
			node.start();
		}
		awaitHealthy(timeout);
	}

	private void checkHealth(List<String> missing) throws Exception {
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
			replica.checkInSyncReplicaOf(master, missing);
		}
		List<ManagedRedisNode> liveSentinels = responsive(this.sentinels);
		for (ManagedRedisNode sentinel : liveSentinels) {
			Probe.SentinelView view;
			try {
				view = this.probe.sentinelView(sentinel.port(), sentinel.password(), masterName());
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
		InetSocketAddress address = this.probe.masterAddress(sentinel.port(), sentinel.password(), masterName());
		if (address == null) {
			throw new IllegalStateException("no master named '" + masterName() + "'");
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

	private static List<ManagedRedisNode> responsive(List<ManagedRedisNode> nodes) {
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

	private void checkOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException(this + " is closed");
		}
	}

	/**
	 * What runs the nodes' servers (for the kit's own cleanup checks).
	 * @return the runtimes factory
	 */
	ServerRuntime.Factory runtimes() {
		return this.runtimes;
	}

	/**
	 * The runtimes of all nodes, Sentinels first (for the kit's own cleanup checks).
	 * @return the runtimes, Sentinels first
	 */
	List<ServerRuntime> nodeRuntimes() {
		return allNodes().stream().map(ManagedRedisNode::runtime).toList();
	}

	private List<ManagedRedisNode> allNodes() {
		List<ManagedRedisNode> all = new ArrayList<>(this.sentinels);
		all.addAll(this.dataNodes);
		return all;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		OpenTopologies.dispose(this, allNodes(), this.probe, this.runtimes, () -> Ports.release(this.ports));
	}

	@Override
	public String toString() {
		return "SentinelTopology[" + masterName() + ", data nodes " + addresses(this.dataNodes) + ", Sentinels "
				+ sentinelAddresses() + "]";
	}

}
