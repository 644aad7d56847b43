package io.github.redisha.internal;

import java.util.function.Consumer;

import io.github.redisha.RedisEndpoint;

/**
 * The one check of both engines for nodes the client set aside that may be usable again:
 * a fenced old master (or primary) that answers {@code ROLE} as a replica, a node that
 * refused connects and answers {@code ROLE} at all.
 *
 * @author redis-ha
 */
public final class ReturningNodes {

	private final NodeProbe probe;

	private final FailoverThread thread;

	/**
	 * Create the check.
	 * @param probe asks the nodes
	 * @param thread the engine's thread, where the answers are acted on
	 */
	public ReturningNodes(NodeProbe probe, FailoverThread thread) {
		this.probe = probe;
		this.thread = thread;
	}

	/**
	 * Ask a fenced node {@code ROLE}; when it answers as a replica, unfence it.
	 * @param node the fenced node
	 * @param unfence told the node (on the engine's thread)
	 */
	public void unfenceWhenReplica(RedisEndpoint node, Consumer<RedisEndpoint> unfence) {
		this.probe.roleOf(node).thenAccept((role) -> {
			if (role != null && role.isReplica()) {
				this.thread.execute(() -> unfence.accept(node));
			}
		});
	}

	/**
	 * Ask a node that refused connects {@code ROLE}; when it answers, route to it again.
	 * @param node the node
	 * @param answered told the node (on the engine's thread)
	 */
	public void readmitWhenAnswering(RedisEndpoint node, Consumer<RedisEndpoint> answered) {
		this.probe.roleOf(node).thenAccept((role) -> {
			if (role != null) {
				this.thread.execute(() -> answered.accept(node));
			}
		});
	}

}
