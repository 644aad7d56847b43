package io.github.redisha.health;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeRole;
import io.github.redisha.internal.RedisFailures;
import io.github.redisha.internal.Replies;
import org.jspecify.annotations.Nullable;

/**
 * What one data node said to {@code PING}, {@code ROLE} and {@code INFO replication}.
 *
 * @param endpoint the node
 * @param role its {@code ROLE}: {@code master}, {@code slave}..., {@code null} if it did
 * not answer
 * @param replicas the replicas connected to it, from {@code INFO replication}
 * @param error why it could not be asked, {@code null} if it answered
 * @author redis-ha
 */
record NodeAnswer(RedisEndpoint endpoint, @Nullable String role, Map<RedisEndpoint, ReplicaLink> replicas,
		@Nullable String error) {

	static NodeAnswer failed(RedisEndpoint endpoint, String error) {
		return new NodeAnswer(endpoint, null, Map.of(), error);
	}

	static NodeAnswer of(RedisEndpoint endpoint, CompletableFuture<String> ping,
			CompletableFuture<@Nullable NodeRole> role, CompletableFuture<String> replication) {
		if (ping.isCompletedExceptionally()) {
			return failed(endpoint, RedisFailures.describe(Replies.failureOf(ping)));
		}
		if (role.isCompletedExceptionally()) {
			return failed(endpoint, RedisFailures.describe(Replies.failureOf(role)));
		}
		NodeRole answered = role.join();
		String name = (answered != null) ? answered.role() : "unknown";
		Map<RedisEndpoint, ReplicaLink> replicas = replication.isCompletedExceptionally() ? Map.of()
				: ReplicaLink.parse(replication.join());
		return new NodeAnswer(endpoint, name, replicas, null);
	}

	boolean isMaster() {
		return "master".equals(this.role);
	}

}
