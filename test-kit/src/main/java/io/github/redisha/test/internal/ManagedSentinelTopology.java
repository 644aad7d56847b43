package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelService;
import io.github.redisha.test.SentinelTopology;
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

	private final Spec spec;

	private final ServerRuntime.Factory runtimes;

	private final List<Integer> ports;

	private final Probe probe;

	private final List<ManagedRedisNode> dataNodes = new ArrayList<>();

	private final List<ManagedRedisNode> sentinels = new ArrayList<>();

	private final SentinelHealth health;

	private final SentinelFailovers failovers;

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Sentinels replaced by {@link #redeploySentinels()}: stopped, ended on close. */
	private final List<ManagedRedisNode> retired = new ArrayList<>();

	/** The ports of redeployed Sentinels, released on close. */
	private final List<Integer> redeployPorts = new ArrayList<>();

	private TcpService service;

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
			node.writeConfig(SentinelTopologyConfig.dataNode(spec, node,
					(node == this.dataNodes.get(0)) ? -1 : masterPort, zones().get(node)));
		}
		for (ManagedRedisNode sentinel : this.sentinels) {
			sentinel.writeConfig(SentinelTopologyConfig.sentinel(spec, sentinel, masterPort));
		}
		this.health = new SentinelHealth(this.probe, spec.masterName(), this.dataNodes, this.sentinels);
		this.failovers = new SentinelFailovers(spec.masterName(), this.sentinels, this.probe, this.health);
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
				ReplicaSync.check(this.probe, replica, master, missing);
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
		if (!this.spec.zones().isEmpty() && !this.spec.announceZones()) {
			env.put("REDIS_NODE_ZONES",
					this.dataNodes.stream()
						.map((node) -> node.clientAddress() + "=" + zones().get(node))
						.collect(Collectors.joining(",")));
		}
		return Collections.unmodifiableMap(env);
	}

	@Override
	public Map<RedisNode, String> zones() {
		Map<RedisNode, String> zones = new LinkedHashMap<>();
		for (int i = 0; i < this.spec.zones().size(); i++) {
			zones.put(this.dataNodes.get(i), this.spec.zones().get(i));
		}
		return Collections.unmodifiableMap(zones);
	}

	@Override
	public RedisNode master() {
		checkOpen();
		return Poll.until("a majority of the reachable Sentinels to agree on a master of '" + masterName()
				+ "' that answers ROLE master", MASTER_LOOKUP_TIMEOUT, this.health::majorityMaster);
	}

	@Override
	public List<RedisNode> replicas() {
		RedisNode master = master();
		return this.dataNodes.stream().filter((node) -> node != master).collect(Collectors.toUnmodifiableList());
	}

	@Override
	public void failover() {
		checkOpen();
		this.failovers.failover();
	}

	@Override
	public RedisNode awaitFailover(RedisNode oldMaster, Duration timeout) {
		checkOpen();
		return this.failovers.awaitFailover(Objects.requireNonNull(oldMaster, "oldMaster"), timeout);
	}

	@Override
	public void awaitHealthy(Duration timeout) {
		checkOpen();
		Poll.until("Sentinel topology '" + masterName() + "' to be healthy", timeout, (missing) -> {
			this.health.check(missing);
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

	@Override
	public synchronized SentinelService service() {
		checkOpen();
		if (this.spec.tls() != null) {
			throw new IllegalStateException("service() is plaintext only: a TLS topology has none");
		}
		if (this.service == null) {
			this.service = ManagedSentinelService.startService(this.sentinels, this.spec.startupTimeout());
		}
		return new ManagedSentinelService(this.service, environment());
	}

	@Override
	public synchronized void redeploySentinels() {
		checkOpen();
		List<ManagedRedisNode> old = List.copyOf(this.sentinels);
		List<Integer> ports = Ports.allocate(old.size());
		this.redeployPorts.addAll(ports);
		ManagedRedisNode master = (ManagedRedisNode) master();
		List<ManagedRedisNode> fresh = new SentinelRedeploy(this.spec, this.runtimes, this.probe).redeploy(master, old,
				old.size() + this.retired.size(), ports, this.service);
		this.retired.addAll(old);
		this.sentinels.clear();
		this.sentinels.addAll(fresh);
		awaitHealthy(this.spec.startupTimeout());
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
		all.addAll(this.retired);
		all.addAll(this.dataNodes);
		return all;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		TcpService open = this.service;
		if (open != null) {
			open.close();
		}
		OpenTopologies.dispose(this, allNodes(), this.probe, this.runtimes, () -> {
			Ports.release(this.ports);
			Ports.release(this.redeployPorts);
		});
	}

	@Override
	public String toString() {
		return "SentinelTopology[" + masterName() + ", data nodes " + addresses(this.dataNodes) + ", Sentinels "
				+ sentinelAddresses() + "]";
	}

}
