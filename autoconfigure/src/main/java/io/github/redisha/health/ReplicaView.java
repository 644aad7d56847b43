package io.github.redisha.health;

import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.Replies;

/**
 * A replica as a sentinel sees it.
 *
 * @param endpoint the replica
 * @param flags the sentinel's flags, e.g. {@code slave} or {@code s_down,slave}
 * @author redis-ha
 */
record ReplicaView(RedisEndpoint endpoint, String flags) {

	static ReplicaView of(Map<String, String> fields) {
		return new ReplicaView(new RedisEndpoint(fields.getOrDefault("ip", "?"), Replies.parsePort(fields.get("port"))),
				fields.getOrDefault("flags", ""));
	}

	boolean isDown() {
		return this.flags.contains("s_down") || this.flags.contains("o_down") || this.flags.contains("disconnected");
	}

}
