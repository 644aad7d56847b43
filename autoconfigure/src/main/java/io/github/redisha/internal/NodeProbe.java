package io.github.redisha.internal;

import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * What an engine asks data nodes: {@code ROLE} and, in cluster mode,
 * {@code CLUSTER NODES}. Answers complete off the engine's thread; a node that does not
 * answer in time answers {@code null}. Tests hand an engine canned answers through this
 * interface.
 *
 * @author redis-ha
 */
public interface NodeProbe {

	/**
	 * The probe of a running engine: {@code ROLE} and {@code CLUSTER NODES} on one
	 * kept-open connection per node.
	 * @param nodes the client that connects to the nodes
	 * @param thread the engine's thread, which owns the connections
	 * @return the probe
	 */
	static NodeProbe keptOpen(NodeClient nodes, FailoverThread thread) {
		return new KeptOpenNodeProbe(nodes, thread);
	}

	/**
	 * The node's {@code ROLE}.
	 * @param node the node
	 * @return its role, null when it does not answer in time
	 */
	CompletableFuture<@Nullable NodeRole> roleOf(RedisEndpoint node);

	/**
	 * The node's role name.
	 * @param node the node
	 * @return {@code master}, {@code slave}..., null when it does not answer in time
	 */
	default CompletableFuture<@Nullable String> role(RedisEndpoint node) {
		return roleOf(node).thenApply((role) -> (role != null) ? role.role() : null);
	}

	/**
	 * The node's {@code CLUSTER NODES}: its view of the cluster.
	 * @param node the node
	 * @return the reply, null when it does not answer in time
	 */
	CompletableFuture<@Nullable String> clusterNodes(RedisEndpoint node);

	/**
	 * Close every connection; on the engine's thread.
	 */
	void close();

}
