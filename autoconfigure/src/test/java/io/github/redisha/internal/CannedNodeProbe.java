package io.github.redisha.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * A {@link NodeProbe} for unit tests: each node answers what the test set ({@code ROLE},
 * {@code CLUSTER NODES}), or nothing in time when it has no answer; a frozen node's
 * questions stay open until it is thawed. Records every question.
 *
 * @author redis-ha
 */
public final class CannedNodeProbe implements NodeProbe {

	private final Map<RedisEndpoint, NodeRole> roles = new HashMap<>();

	private final Map<RedisEndpoint, String> views = new HashMap<>();

	private final Set<RedisEndpoint> frozen = new HashSet<>();

	private final Map<RedisEndpoint, List<CompletableFuture<@Nullable NodeRole>>> open = new HashMap<>();

	private final List<String> asked = new ArrayList<>();

	private boolean closed;

	/**
	 * The node answers {@code ROLE} as master from now on.
	 * @param node the node
	 * @return this probe
	 */
	public CannedNodeProbe master(RedisEndpoint node) {
		this.roles.put(node, new NodeRole("master", null));
		return this;
	}

	/**
	 * The node answers {@code ROLE} as a replica of {@code primary} from now on.
	 * @param node the node
	 * @param primary the node it replicates from
	 * @return this probe
	 */
	public CannedNodeProbe replica(RedisEndpoint node, RedisEndpoint primary) {
		this.roles.put(node, new NodeRole("slave", primary));
		return this;
	}

	/**
	 * The node does not answer in time from now on.
	 * @param node the node
	 * @return this probe
	 */
	public CannedNodeProbe silent(RedisEndpoint node) {
		this.roles.remove(node);
		this.views.remove(node);
		return this;
	}

	/**
	 * The node does not answer {@code ROLE} in time from now on; it still answers
	 * {@code CLUSTER NODES}.
	 * @param node the node
	 * @return this probe
	 */
	public CannedNodeProbe noRole(RedisEndpoint node) {
		this.roles.remove(node);
		return this;
	}

	/**
	 * The node answers {@code CLUSTER NODES} with {@code reply}.
	 * @param node the node
	 * @param reply the reply
	 * @return this probe
	 */
	public CannedNodeProbe clusterNodes(RedisEndpoint node, String reply) {
		this.views.put(node, reply);
		return this;
	}

	/**
	 * Questions to the node stay open until {@link #thaw}.
	 * @param node the node
	 * @return this probe
	 */
	public CannedNodeProbe freeze(RedisEndpoint node) {
		this.frozen.add(node);
		return this;
	}

	/**
	 * The node answers its open questions with what it answers now.
	 * @param node the node
	 */
	public void thaw(RedisEndpoint node) {
		this.frozen.remove(node);
		this.open.getOrDefault(node, List.of()).forEach((question) -> question.complete(this.roles.get(node)));
		this.open.remove(node);
	}

	/**
	 * Every question asked, in order, e.g. {@code ROLE 127.0.0.1:7000}.
	 * @return the questions
	 */
	public List<String> asked() {
		return List.copyOf(this.asked);
	}

	/**
	 * How many {@code ROLE} questions the node was asked.
	 * @param node the node
	 * @return the count
	 */
	public long roleQuestions(RedisEndpoint node) {
		return this.asked.stream().filter(("ROLE " + node)::equals).count();
	}

	/**
	 * Forget the questions asked so far.
	 */
	public void clearAsked() {
		this.asked.clear();
	}

	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public CompletableFuture<@Nullable NodeRole> roleOf(RedisEndpoint node) {
		this.asked.add("ROLE " + node);
		CompletableFuture<@Nullable NodeRole> answer = new CompletableFuture<>();
		if (this.frozen.contains(node)) {
			this.open.computeIfAbsent(node, (key) -> new ArrayList<>()).add(answer);
		}
		else {
			answer.complete(this.roles.get(node));
		}
		return answer;
	}

	@Override
	public CompletableFuture<@Nullable String> clusterNodes(RedisEndpoint node) {
		this.asked.add("CLUSTER NODES " + node);
		return CompletableFuture.completedFuture(this.frozen.contains(node) ? null : this.views.get(node));
	}

	@Override
	public void close() {
		this.closed = true;
	}

}
