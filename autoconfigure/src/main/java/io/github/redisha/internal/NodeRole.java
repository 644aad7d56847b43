package io.github.redisha.internal;

import java.util.List;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * A data node's answer to {@code ROLE}.
 *
 * @param role {@code master}, {@code slave} or {@code sentinel}
 * @param replicaOf for a replica, the node it replicates from, if the reply names one
 * @author redis-ha
 */
public record NodeRole(String role, @Nullable RedisEndpoint replicaOf) {

	/**
	 * Parse a {@code ROLE} reply.
	 * @param reply the reply
	 * @return the role, null for an empty reply
	 */
	public static @Nullable NodeRole parse(List<Object> reply) {
		if (reply.isEmpty()) {
			return null;
		}
		String role = String.valueOf(reply.get(0));
		RedisEndpoint replicaOf = null;
		if ("slave".equals(role) && reply.size() >= 3) {
			try {
				replicaOf = new RedisEndpoint(String.valueOf(reply.get(1)),
						Integer.parseInt(String.valueOf(reply.get(2))));
			}
			catch (NumberFormatException ex) {
				// not an address: leave it unknown
			}
		}
		return new NodeRole(role, replicaOf);
	}

	/**
	 * Whether the node is a master.
	 * @return whether it answered {@code master}
	 */
	public boolean isMaster() {
		return "master".equals(this.role);
	}

	/**
	 * Whether the node is a replica.
	 * @return whether it answered {@code slave}
	 */
	public boolean isReplica() {
		return "slave".equals(this.role);
	}

}
