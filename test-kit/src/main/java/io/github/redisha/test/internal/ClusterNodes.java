package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.redisha.test.RedisNode;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The nodes of one cluster with their cluster node ids, and what they say about the
 * cluster: the kit's only way to ask a node (one short-lived connection per question,
 * through the {@link Probe}).
 *
 * @author redis-ha
 */
final class ClusterNodes {

	/** How long lookups like {@code primaries()} wait for the nodes to agree. */
	static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(10);

	private final List<ManagedRedisNode> nodes;

	private final Probe probe;

	/**
	 * Node ids by node; a node keeps its id across restarts (its {@code nodes.conf} is
	 * kept).
	 */
	private final Map<ManagedRedisNode, String> ids = new LinkedHashMap<>();

	/**
	 * The last configuration all responsive nodes agreed on: who owned which slots before
	 * a failover.
	 */
	private volatile ClusterView lastAgreed;

	ClusterNodes(List<ManagedRedisNode> nodes, Probe probe) {
		this.nodes = List.copyOf(nodes);
		this.probe = probe;
	}

	List<ManagedRedisNode> all() {
		return this.nodes;
	}

	/**
	 * Running and not frozen, in start order.
	 * @return the responsive nodes
	 */
	List<ManagedRedisNode> responsive() {
		return this.nodes.stream().filter(ManagedRedisNode::isResponsive).toList();
	}

	/** Asks every node for its id; once, after the first start. */
	void learnIds() {
		for (ManagedRedisNode node : this.nodes) {
			this.ids.put(node, call(node, RedisCommands::clusterMyId));
		}
	}

	String id(RedisNode node) {
		String id = this.ids.get(node);
		if (id == null) {
			throw new IllegalArgumentException(node + " is not a node of this cluster");
		}
		return id;
	}

	/**
	 * The node with {@code id}, or {@code null} when it is none of ours.
	 * @param id the cluster node id
	 * @return the node, or {@code null}
	 */
	ManagedRedisNode node(String id) {
		for (Map.Entry<ManagedRedisNode, String> entry : this.ids.entrySet()) {
			if (entry.getValue().equals(id)) {
				return entry.getKey();
			}
		}
		return null;
	}

	/**
	 * {@code node-3@127.0.0.1:port} for an id of ours, else the id.
	 * @param id the cluster node id
	 * @return a readable name for the node
	 */
	String describe(String id) {
		ManagedRedisNode node = node(id);
		return (node != null) ? node.name() + "@" + node.address() : id;
	}

	<T> T call(ManagedRedisNode node, Function<RedisCommands<String, String>, T> action) {
		return this.probe.redis(node.port(), node.password(), action);
	}

	ClusterView view(ManagedRedisNode node) {
		return ClusterView.parse(call(node, RedisCommands::clusterNodes));
	}

	Map<String, String> info(ManagedRedisNode node) {
		return Probe.parseInfo(call(node, RedisCommands::clusterInfo));
	}

	/**
	 * The views of the responsive nodes other than {@code excluded} (may be
	 * {@code null}), when all of them answered and agree on the configuration; else
	 * {@code null}, with what is missing.
	 * @param excluded a node whose view does not count, or {@code null}
	 * @param missing collects what is not yet as expected
	 * @return each responsive node's view, or {@code null}
	 */
	Map<ManagedRedisNode, ClusterView> agreedViews(ManagedRedisNode excluded, List<String> missing) {
		Map<ManagedRedisNode, ClusterView> views = new LinkedHashMap<>();
		for (ManagedRedisNode node : responsive()) {
			if (node == excluded) {
				continue;
			}
			try {
				views.put(node, view(node));
			}
			catch (RuntimeException ex) {
				missing.add(node + " did not answer CLUSTER NODES: " + Poll.describe(ex));
			}
		}
		if (views.isEmpty() && missing.isEmpty()) {
			missing.add("no node is running and not frozen");
		}
		if (!missing.isEmpty()) {
			return null;
		}
		List<String> differences = new ArrayList<>();
		Map<String, String> first = null;
		ManagedRedisNode firstNode = null;
		for (Map.Entry<ManagedRedisNode, ClusterView> entry : views.entrySet()) {
			Map<String, String> configuration = entry.getValue().configuration();
			if (first == null) {
				first = configuration;
				firstNode = entry.getKey();
			}
			else if (!first.equals(configuration)) {
				differences.add(entry.getKey().name() + " sees " + describe(configuration) + " but " + firstNode.name()
						+ " sees " + describe(first));
			}
		}
		if (!differences.isEmpty()) {
			missing.add("the nodes disagree: " + String.join("; ", differences));
			return null;
		}
		if (excluded == null) {
			this.lastAgreed = views.values().iterator().next();
		}
		return views;
	}

	/**
	 * One agreed view, polled for up to {@link #AGREEMENT_TIMEOUT}.
	 * @return the agreed view
	 */
	ClusterView agreedView() {
		return Poll.until("the running, not frozen nodes to agree on the slots and replicas", AGREEMENT_TIMEOUT,
				(missing) -> {
					Map<ManagedRedisNode, ClusterView> views = agreedViews(null, missing);
					return (views != null) ? views.values().iterator().next() : null;
				});
	}

	/**
	 * The view of the last successful {@link #agreedViews} of all responsive nodes, or
	 * {@code null}.
	 * @return the last agreed view, or {@code null}
	 */
	ClusterView lastAgreed() {
		return this.lastAgreed;
	}

	private String describe(Map<String, String> configuration) {
		List<String> parts = new ArrayList<>();
		configuration.forEach((id, role) -> parts.add(describe(id) + " "
				+ (role.startsWith("replica of ") ? "replica of " + describe(role.substring(11)) : role)));
		return "[" + String.join(", ", parts) + "]";
	}

}
