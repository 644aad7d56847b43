package io.github.redisha.cluster;

import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeRole;
import org.jspecify.annotations.Nullable;

/**
 * The decisions of the cluster engine, apart from its I/O: which node took over a shard,
 * and what a watch of a failing primary has learned. No I/O, no state.
 *
 * @author redis-ha
 */
final class ShardSuccession {

	private ShardSuccession() {
	}

	/**
	 * The replica that took over {@code known}'s slots, as {@code view} says: the owner
	 * of its first slot when that is one of its replicas the view does not see failing. A
	 * slot that moved to another primary was resharded, not failed over.
	 * @param known the shard as last seen
	 * @param view a fresh view from a node that answers
	 * @return the new primary, or null when the shard has not failed over
	 */
	static @Nullable RedisEndpoint successor(Shard known, ClusterView view) {
		Shard now = view.shardOf(known.firstSlot());
		if (now == null || now.failing() || !known.replicas().contains(now.primary())) {
			return null;
		}
		return now.primary();
	}

	/**
	 * The replica of a watched shard that won the election: the first one that answers
	 * {@code ROLE} with {@code master}.
	 * @param roles the latest answers of the shard's replicas (null: no answer)
	 * @return the new primary, or null when none is primary yet
	 */
	static @Nullable RedisEndpoint promoted(Map<RedisEndpoint, @Nullable NodeRole> roles) {
		for (Map.Entry<RedisEndpoint, @Nullable NodeRole> answer : roles.entrySet()) {
			NodeRole role = answer.getValue();
			if (role != null && role.isMaster()) {
				return answer.getKey();
			}
		}
		return null;
	}

	/**
	 * Whether a failing primary was a false alarm (a connection dropped but the node is
	 * fine): it answers {@code ROLE} as a master and every replica that answered still
	 * replicates from it.
	 * @param primary the watched primary
	 * @param primaryRole its latest answer, null when none
	 * @param replicaRoles the latest answers of its replicas
	 * @param replicas the shard's replicas
	 * @return whether to stop watching without a switch
	 */
	static boolean falseAlarm(RedisEndpoint primary, @Nullable NodeRole primaryRole,
			Map<RedisEndpoint, @Nullable NodeRole> replicaRoles, List<RedisEndpoint> replicas) {
		if (primaryRole == null || !primaryRole.isMaster()) {
			return false;
		}
		for (RedisEndpoint replica : replicas) {
			NodeRole role = replicaRoles.get(replica);
			if (role != null && (!role.isReplica() || !primary.equals(role.replicaOf()))) {
				return false;
			}
		}
		return true;
	}

}
