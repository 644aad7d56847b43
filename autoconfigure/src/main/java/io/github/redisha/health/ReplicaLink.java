package io.github.redisha.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.Replies;

/**
 * A replica as its master sees it, from {@code INFO replication}.
 *
 * @param state the link state, {@code online} once in sync
 * @param lagSeconds seconds since the replica last acknowledged, -1 if unknown
 * @author redis-ha
 */
record ReplicaLink(String state, long lagSeconds) {

	static Map<RedisEndpoint, ReplicaLink> parse(String info) {
		Map<RedisEndpoint, ReplicaLink> links = new LinkedHashMap<>();
		for (String line : info.split("\r?\n")) {
			// slave0:ip=127.0.0.1,port=6391,state=online,offset=1234,lag=0
			if (line.startsWith("slave") && line.indexOf(':') > 0 && line.contains("ip=")) {
				Map<String, String> fields = new LinkedHashMap<>();
				for (String pair : line.substring(line.indexOf(':') + 1).split(",")) {
					int equals = pair.indexOf('=');
					if (equals > 0) {
						fields.put(pair.substring(0, equals), pair.substring(equals + 1).trim());
					}
				}
				RedisEndpoint endpoint = new RedisEndpoint(fields.getOrDefault("ip", "?"),
						Replies.parsePort(fields.get("port")));
				links.put(endpoint,
						new ReplicaLink(fields.getOrDefault("state", "unknown"), Replies.parseLong(fields.get("lag"))));
			}
		}
		return links;
	}

}
