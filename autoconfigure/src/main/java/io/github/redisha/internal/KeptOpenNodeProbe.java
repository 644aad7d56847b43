package io.github.redisha.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.redisha.RedisEndpoint;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

/**
 * The {@link NodeProbe} of a running engine: one kept-open connection per node, replaced
 * when it fails; a node that does not answer in time has no role.
 *
 * @author redis-ha
 */
final class KeptOpenNodeProbe implements NodeProbe {

	private final NodeClient nodes;

	private final FailoverThread thread;

	/** Only touched on the failover thread. */
	private final Map<RedisEndpoint, CompletableFuture<StatefulRedisConnection<String, String>>> connections = new HashMap<>();

	KeptOpenNodeProbe(NodeClient nodes, FailoverThread thread) {
		this.nodes = nodes;
		this.thread = thread;
	}

	@Override
	public CompletableFuture<@Nullable NodeRole> roleOf(RedisEndpoint node) {
		return ask(node, NodeClient::role);
	}

	@Override
	public CompletableFuture<@Nullable String> clusterNodes(RedisEndpoint node) {
		return ask(node, (connection) -> connection.async().clusterNodes().toCompletableFuture());
	}

	private <T> CompletableFuture<@Nullable T> ask(RedisEndpoint node,
			Function<StatefulRedisConnection<String, String>, CompletableFuture<T>> command) {
		if (!this.thread.isRunning()) {
			return CompletableFuture.completedFuture(null);
		}
		return connection(node).thenCompose(command)
			.orTimeout(this.nodes.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)
			.handle((answer, failure) -> {
				if (failure != null) {
					this.thread.execute(() -> drop(node));
					return null;
				}
				return answer;
			});
	}

	private CompletableFuture<StatefulRedisConnection<String, String>> connection(RedisEndpoint node) {
		CompletableFuture<CompletableFuture<StatefulRedisConnection<String, String>>> result = new CompletableFuture<>();
		this.thread.execute(() -> {
			CompletableFuture<StatefulRedisConnection<String, String>> current = this.connections.get(node);
			if (current == null || current.isCompletedExceptionally()
					|| (current.isDone() && !current.join().isOpen())) {
				current = this.nodes.connectData(node);
				this.connections.put(node, current);
			}
			result.complete(current);
		});
		return result.thenCompose((future) -> future);
	}

	private void drop(RedisEndpoint node) {
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.connections.remove(node);
		if (current != null) {
			current.thenAccept(StatefulRedisConnection::closeAsync);
		}
	}

	@Override
	public void close() {
		this.connections.values().forEach((connection) -> connection.thenAccept(StatefulRedisConnection::closeAsync));
		this.connections.clear();
	}

}
