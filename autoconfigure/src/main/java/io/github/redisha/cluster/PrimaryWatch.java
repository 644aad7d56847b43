package io.github.redisha.cluster;

import java.util.HashMap;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeRole;
import io.github.redisha.internal.RolePoll;
import org.jspecify.annotations.Nullable;

/**
 * The watch of one primary that stopped answering: the latest {@code ROLE} answers of it
 * and its replicas, which its {@link RolePoll} asks for. Touched on the engine's thread
 * only.
 *
 * @author redis-ha
 */
final class PrimaryWatch {

	private final Shard shard;

	private final Map<RedisEndpoint, @Nullable NodeRole> replicaRoles = new HashMap<>();

	private @Nullable RolePoll poll;

	private @Nullable NodeRole primaryRole;

	private boolean primaryAnswered;

	PrimaryWatch(Shard shard) {
		this.shard = shard;
	}

	Shard shard() {
		return this.shard;
	}

	void polling(RolePoll poll) {
		this.poll = poll;
	}

	/**
	 * When the watch began.
	 * @return the engine clock's time
	 */
	long since() {
		RolePoll started = this.poll;
		return (started != null) ? started.since() : 0;
	}

	void stop() {
		RolePoll started = this.poll;
		if (started != null) {
			started.stop();
		}
	}

	void answered(RedisEndpoint node, @Nullable NodeRole role) {
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
