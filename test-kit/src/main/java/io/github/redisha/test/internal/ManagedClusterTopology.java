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

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologyException;
import io.lettuce.core.cluster.SlotHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster: primaries and their replicas; their servers run through
 * {@link ServerRuntime}s (local processes or containers).
 *
 * @author redis-ha
 */
final class ManagedClusterTopology implements ClusterTopology, PortRetries.Startable {

	private static final Logger logger = LoggerFactory.getLogger(ManagedClusterTopology.class);

	private final Spec spec;

	private final ServerRuntime.Factory runtimes;

	private final List<Integer> ports;

	private final Probe probe;

	private final List<ManagedRedisNode> nodes = new ArrayList<>();

	private final ClusterNodes cluster;

	private final ClusterHealth health;

	private final ClusterFailovers failovers;

	private final AtomicBoolean closed = new AtomicBoolean();

	private ManagedClusterTopology(Spec spec, ServerRuntime.Factory runtimes, List<Integer> ports) {
		this.spec = spec;
		this.runtimes = runtimes;
		this.ports = ports;
		this.probe = new Probe();
		for (int i = 0; i < spec.nodes(); i++) {
			this.nodes.add(new ManagedRedisNode("node-" + i, false, ports.get(i), spec.password(), this.probe,
					spec.startupTimeout(), runtimes));
		}
		for (ManagedRedisNode node : this.nodes) {
			node.writeConfig(config(node));
		}
		this.cluster = new ClusterNodes(this.nodes, this.probe);
		this.health = new ClusterHealth(this.cluster, this.probe);
		this.failovers = new ClusterFailovers(this.cluster, this.health);
		OpenTopologies.add(this);
	}

	private List<String> config(ManagedRedisNode node) {
		List<String> config = new ArrayList<>(node.baseConfig());
		config.add("save \"\"");
		config.add("appendonly no");
		config.add("cluster-enabled yes");
		// in the node's dir, kept across restarts: a restarted node keeps its id and
		// rejoins
		config.add("cluster-config-file nodes.conf");
		config.add("cluster-node-timeout " + this.spec.nodeTimeout().toMillis());
		config.add("cluster-announce-ip " + ManagedRedisNode.HOST);
		// a replica may always take over, however long it was cut off: tests freeze and
		// kill nodes at will
		config.add("cluster-replica-validity-factor 0");
		config.add("repl-diskless-sync yes");
		config.add("repl-diskless-sync-delay 0");
		if (this.spec.password() != null) {
			config.add("requirepass " + Dirs.quote(this.spec.password()));
			config.add("masterauth " + Dirs.quote(this.spec.password()));
		}
		config.addAll(this.spec.extraServerConfig());
		return config;
	}

	/**
	 * Starts a cluster; retried on new ports when a port or its bus port was taken
	 * meanwhile.
	 * @param spec what to start
	 * @param runtimes creates the runtimes of one attempt (a fresh temporary directory,
	 * ...)
	 * @return the started cluster
	 */
	static ClusterTopology start(Spec spec, Supplier<ServerRuntime.Factory> runtimes) {
		ManagedClusterTopology topology = PortRetries.start("a Redis Cluster", runtimes,
				() -> Ports.allocateWithBus(spec.nodes()), Ports::releaseWithBus,
				(factory, ports) -> new ManagedClusterTopology(spec, factory, ports));
		logger.info("Started Redis Cluster: {} primaries, {} replicas each, nodes {} ({})", spec.primaries(),
				spec.replicasPerPrimary(), topology.seedAddresses(), topology.runtimes.describe());
		return topology;
	}

	@Override
	public void boot() {
		long deadline = System.nanoTime() + this.spec.startupTimeout().toNanos();
		this.nodes.forEach(ManagedRedisNode::launch);
		for (ManagedRedisNode node : this.nodes) {
			node.awaitUp(Poll.remaining(deadline));
		}
		this.cluster.learnIds();
		ClusterFormation.form(this.cluster, this.spec, Poll.remaining(deadline));
		awaitHealthy(Poll.remaining(deadline));
	}

	@Override
	public String password() {
		return this.spec.password();
	}

	@Override
	public List<RedisNode> nodes() {
		return List.copyOf(this.nodes);
	}

	@Override
	public List<RedisNode> primaries() {
		ClusterView view = agreedView();
		return this.nodes.stream().filter((node) -> {
			ClusterView.Entry entry = view.entries().get(this.cluster.id(node));
			return entry != null && entry.isPrimary() && !entry.slots().isEmpty();
		}).collect(Collectors.toUnmodifiableList());
	}

	@Override
	public List<RedisNode> replicas() {
		List<RedisNode> primaries = primaries();
		return this.nodes.stream().filter((node) -> !primaries.contains(node)).collect(Collectors.toUnmodifiableList());
	}

	@Override
	public List<RedisNode> replicasOf(RedisNode primary) {
		String id = this.cluster.id(managed(primary));
		ClusterView view = agreedView();
		return this.nodes.stream().filter((node) -> {
			ClusterView.Entry entry = view.entries().get(this.cluster.id(node));
			return entry != null && id.equals(entry.master());
		}).collect(Collectors.toUnmodifiableList());
	}

	@Override
	public RedisNode primaryFor(int slot) {
		if (slot < 0 || slot >= ClusterView.SLOTS) {
			throw new IllegalArgumentException("slot must be between 0 and 16383 but was " + slot);
		}
		String owner = agreedView().ownerOf(slot);
		ManagedRedisNode node = (owner != null) ? this.cluster.node(owner) : null;
		if (node == null) {
			throw new RedisTopologyException("No node of " + this + " owns slot " + slot);
		}
		return node;
	}

	@Override
	public RedisNode primaryForKey(String key) {
		return primaryFor(SlotHash.getSlot(Objects.requireNonNull(key, "key")));
	}

	@Override
	public String seedAddresses() {
		return this.nodes.stream().map(RedisNode::address).collect(Collectors.joining(","));
	}

	@Override
	public Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("REDIS_CLUSTER_ENABLED", "true");
		env.put("REDIS_CLUSTER_NODES", seedAddresses());
		if (this.spec.password() != null) {
			env.put("REDIS_PASSWORD", this.spec.password());
		}
		return Collections.unmodifiableMap(env);
	}

	@Override
	public void failover(RedisNode replica) {
		this.failovers.failover(managed(replica));
	}

	@Override
	public RedisNode awaitFailover(RedisNode oldPrimary, Duration timeout) {
		return this.failovers.awaitFailover(managed(oldPrimary), timeout);
	}

	@Override
	public void reshard(int slots, RedisNode from, RedisNode to) {
		new SlotMigration(this.cluster, this.probe).move(slots, managed(from), managed(to));
	}

	@Override
	public void awaitHealthy(Duration timeout) {
		checkOpen();
		Poll.until("Redis Cluster to be healthy", timeout, this.health::check);
	}

	@Override
	public void restore(Duration timeout) {
		checkOpen();
		for (ManagedRedisNode node : this.nodes) {
			// both are no-ops on a node that is not frozen / already running
			node.thaw();
			node.start();
		}
		awaitHealthy(timeout);
	}

	private ClusterView agreedView() {
		checkOpen();
		return this.cluster.agreedView();
	}

	private ManagedRedisNode managed(RedisNode node) {
		checkOpen();
		Objects.requireNonNull(node, "node");
		for (ManagedRedisNode candidate : this.nodes) {
			if (candidate == node) {
				return candidate;
			}
		}
		throw new IllegalArgumentException(node + " is not a node of " + this);
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
	 * The runtimes of all nodes (for the kit's own cleanup checks).
	 * @return the runtimes, in node order
	 */
	List<ServerRuntime> nodeRuntimes() {
		return this.nodes.stream().map(ManagedRedisNode::runtime).toList();
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		OpenTopologies.dispose(this, this.nodes, this.probe, this.runtimes, () -> Ports.releaseWithBus(this.ports));
	}

	@Override
	public String toString() {
		return "ClusterTopology[" + seedAddresses() + "]";
	}

}
