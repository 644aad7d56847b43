package io.github.redisha.test.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
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
 * A Redis Cluster: primaries and their replicas; their servers run through {@link ServerRuntime}s (local processes
 * or containers).
 */
final class ManagedClusterTopology implements ClusterTopology {

	private static final Logger logger = LoggerFactory.getLogger(ManagedClusterTopology.class);

	private static final int MAX_ATTEMPTS = 5;

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

	private final Spec spec;

	private final ServerRuntime.Factory runtimes;

	private final List<Integer> ports;

	private final Probe probe;

	private final List<ManagedRedisNode> nodes = new ArrayList<>();

	private final ClusterNodes cluster;

	private final ClusterHealth health;

	private final AtomicBoolean closed = new AtomicBoolean();

	/** The last configuration all responsive nodes agreed on: who owned which slots before a failover. */
	private volatile ClusterView lastAgreed;

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
		OpenTopologies.add(this);
	}

	private List<String> config(ManagedRedisNode node) {
		List<String> config = new ArrayList<>(node.baseConfig());
		config.add("save \"\"");
		config.add("appendonly no");
		config.add("cluster-enabled yes");
		// in the node's dir, kept across restarts: a restarted node keeps its id and rejoins
		config.add("cluster-config-file nodes.conf");
		config.add("cluster-node-timeout " + this.spec.nodeTimeout().toMillis());
		config.add("cluster-announce-ip " + ManagedRedisNode.HOST);
		// a replica may always take over, however long it was cut off: tests freeze and kill nodes at will
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
	 * Starts a cluster; retried on new ports when a port was taken meanwhile.
	 * @param spec what to start
	 * @param runtimes creates the runtimes of one attempt (a fresh temporary directory, ...)
	 */
	static ClusterTopology start(Spec spec, Supplier<ServerRuntime.Factory> runtimes) {
		RedisTopologyException lastBindFailure = null;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			ServerRuntime.Factory factory = runtimes.get();
			List<Integer> ports = Ports.allocateWithBus(spec.nodes());
			ManagedClusterTopology topology;
			try {
				topology = new ManagedClusterTopology(spec, factory, ports);
			}
			catch (RuntimeException | Error ex) {
				Ports.releaseWithBus(ports);
				factory.close();
				throw ex;
			}
			try {
				topology.boot();
				logger.info("Started Redis Cluster: {} primaries, {} replicas each, nodes {} ({})", spec.primaries(),
						spec.replicasPerPrimary(), topology.seedAddresses(), factory.describe());
				return topology;
			}
			catch (PortInUseException ex) {
				logger.info("A port of {} or its cluster bus port was taken meanwhile; retrying with other ports",
						ports);
				lastBindFailure = ex;
				topology.close();
			}
			catch (RuntimeException | Error ex) {
				topology.close();
				throw ex;
			}
		}
		throw new RedisTopologyException("Could not start a Redis Cluster: ports were taken by other processes "
				+ MAX_ATTEMPTS + " times", lastBindFailure);
	}

	private void boot() {
		long deadline = System.nanoTime() + this.spec.startupTimeout().toNanos();
		this.nodes.forEach(ManagedRedisNode::launch);
		for (ManagedRedisNode node : this.nodes) {
			node.awaitUp(remaining(deadline));
		}
		this.cluster.learnIds();
		ClusterFormation.form(this.cluster, this.spec, remaining(deadline));
		awaitHealthy(remaining(deadline));
	}

	private static Duration remaining(long deadlineNanos) {
		return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
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
		ManagedRedisNode candidate = managed(replica);
		ClusterView view = agreedView();
		ClusterView.Entry entry = view.entries().get(this.cluster.id(candidate));
		if (entry == null || entry.isPrimary()) {
			throw new IllegalArgumentException("Cannot fail over to " + replica + ": it is no replica");
		}
		ManagedRedisNode primary = this.cluster.node(entry.master());
		BitSet slots = view.entries().get(entry.master()).slots();
		String reply = this.cluster.call(candidate, (c) -> c.clusterFailover(false));
		logger.info("{} accepted CLUSTER FAILOVER: {}", candidate, reply);
		Poll.until(candidate.name() + " to take over slots " + ClusterView.ranges(slots) + " from " + primary.name(),
				FAILOVER_TIMEOUT, (missing) -> {
					ManagedRedisNode owner = this.health.newOwner(primary, null, slots, missing);
					if (owner != null && owner != candidate) {
						missing.add("the slots went to " + owner.name() + " instead");
						return null;
					}
					return owner;
				});
		agreedView();
	}

	@Override
	public RedisNode awaitFailover(RedisNode oldPrimary, Duration timeout) {
		ManagedRedisNode old = managed(oldPrimary);
		BitSet slots = slotsOf(old);
		ManagedRedisNode owner = Poll.until("another node to take over slots " + ClusterView.ranges(slots) + " of "
				+ old.name() + ", answering ROLE master with cluster_state:ok", timeout,
				(missing) -> this.health.newOwner(old, old, slots, missing));
		logger.info("{} took over the slots of {}", owner, old);
		return owner;
	}

	/** The slots {@code old} owns as the other nodes see it now, else as they last agreed. */
	private BitSet slotsOf(ManagedRedisNode old) {
		String id = this.cluster.id(old);
		for (ManagedRedisNode node : this.cluster.responsive()) {
			try {
				ClusterView.Entry entry = (node != old) ? this.cluster.view(node).entries().get(id) : null;
				if (entry != null && !entry.slots().isEmpty()) {
					return entry.slots();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("{} did not answer CLUSTER NODES", node, ex);
			}
		}
		ClusterView last = this.lastAgreed;
		ClusterView.Entry entry = (last != null) ? last.entries().get(id) : null;
		if (entry == null || entry.slots().isEmpty()) {
			throw new IllegalArgumentException(old + " owned no slots: it was no primary");
		}
		return entry.slots();
	}

	@Override
	public void reshard(int slots, RedisNode from, RedisNode to) {
		checkOpen();
		ManagedRedisNode target = managed(to);
		BitSet moved = new SlotMigration(this.cluster, this.probe).move(slots, managed(from), target);
		String targetId = this.cluster.id(target);
		this.lastAgreed = Poll.until("every node to see " + target.name() + " as the owner of slots "
				+ ClusterView.ranges(moved), FAILOVER_TIMEOUT, (missing) -> {
					Map<ManagedRedisNode, ClusterView> views = this.cluster.agreedViews(null, missing);
					if (views == null) {
						return null;
					}
					ClusterView view = views.values().iterator().next();
					BitSet notYet = (BitSet) moved.clone();
					notYet.andNot(view.entries().get(targetId).slots());
					if (!notYet.isEmpty()) {
						missing.add("slots " + ClusterView.ranges(notYet) + " are not owned by " + target.name());
						return null;
					}
					return view;
				});
		logger.info("Moved slots {} from {} to {}", ClusterView.ranges(moved), from, to);
	}

	@Override
	public void awaitHealthy(Duration timeout) {
		checkOpen();
		this.lastAgreed = Poll.until("Redis Cluster to be healthy", timeout, this.health::check);
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
		ClusterView view = this.cluster.agreedView();
		this.lastAgreed = view;
		return view;
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

	/** What runs the nodes' servers (for the kit's own cleanup checks). */
	ServerRuntime.Factory runtimes() {
		return this.runtimes;
	}

	/** The runtimes of all nodes (for the kit's own cleanup checks). */
	List<ServerRuntime> nodeRuntimes() {
		return this.nodes.stream().map(ManagedRedisNode::runtime).toList();
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		ManagedRedisNode.disposeAll(this.nodes);
		try {
			this.probe.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to shut down the probe client", ex);
		}
		this.runtimes.close();
		Ports.releaseWithBus(this.ports);
		OpenTopologies.remove(this);
		logger.debug("Closed {}", this);
	}

	@Override
	public String toString() {
		return "ClusterTopology[" + seedAddresses() + "]";
	}

}
