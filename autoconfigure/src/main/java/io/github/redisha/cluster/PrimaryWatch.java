package io.github.redisha.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeRole;
import org.jspecify.annotations.Nullable;

/**
 * The watch of one primary that stopped answering: the latest {@code ROLE} answers of it
 * and its replicas, and which of them are still being asked (one question per node at a
 * time, so a frozen node does not pile them up). Touched on the engine's thread only.
 *
 * @author redis-ha
 */
final class PrimaryWatch {

	private final Shard shard;

	private final long since;

	private final long deadline;

	private final Map<RedisEndpoint, @Nullable NodeRole> replicaRoles = new HashMap<>();

	private final Set<RedisEndpoint> asking = ConcurrentHashMap.newKeySet();

	private @Nullable NodeRole primaryRole;

	private boolean primaryAnswered;

	PrimaryWatch(Shard shard, long since, long maxNanos) {
		this.shard = shard;
		this.since = since;
		this.deadline = since + maxNanos;
	}

	Shard shard() {
		return this.shard;
	}

	long since() {
		return this.since;
	}

	boolean expired(long now) {
		return now - this.deadline > 0;
	}

	/**
	 * Start asking a node, unless a question to it is still open.
	 * @param node the node
	 * @return whether to ask it now
	 */
	boolean startAsking(RedisEndpoint node) {
		return this.asking.add(node);
	}

	void answered(RedisEndpoint node, @Nullable NodeRole role) {
		this.asking.remove(node);
		if (node.equals(this.shard.primary())) {
			this.primaryRole = role;
			this.primaryAnswered = true;
		}
		else {
			this.replicaRoles.put(node, role);
		}
	}

	@Nullable RedisEndpoint promotedReplica() {
		return ShardSuccession.promoted(this.replicaRoles);
	}

	boolean falseAlarm() {
		return this.primaryAnswered && this.replicaRoles.size() == this.shard.replicas().size() && ShardSuccession
			.falseAlarm(this.shard.primary(), this.primaryRole, this.replicaRoles, this.shard.replicas());
	}

}
