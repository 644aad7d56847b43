package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Open connections per node and client name, from {@code CLIENT LIST} on every data node
 * (in start order) and every Sentinel.
 *
 * @param dataNodes the counts per client name, one map per data node
 * @param sentinels the counts per client name, one map per Sentinel
 * @author redis-ha
 */
record NodeConnections(List<Map<String, Integer>> dataNodes, List<Map<String, Integer>> sentinels) {

	/** The name redis-ha's failover engine gives its own connections. */
	static final String FAILOVER_ENGINE = "redis-ha-failover";

	static NodeConnections of(SentinelTopology topology) {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder().autoReconnect(false).build());
		try {
			List<Map<String, Integer>> dataNodes = new ArrayList<>();
			for (RedisNode node : topology.dataNodes()) {
				dataNodes.add(byName(client, node, topology.password()));
			}
			List<Map<String, Integer>> sentinels = new ArrayList<>();
			for (RedisNode sentinel : topology.sentinels()) {
				sentinels.add(byName(client, sentinel, topology.sentinelPassword()));
			}
			return new NodeConnections(dataNodes, sentinels);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static Map<String, Integer> byName(RedisClient client, RedisNode node, String password) {
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withTimeout(Duration.ofSeconds(5));
		if (password != null) {
			uri.withPassword(password.toCharArray());
		}
		try (StatefulRedisConnection<String, String> connection = client.connect(uri.build())) {
			Map<String, Integer> counts = new HashMap<>();
			for (String line : connection.sync().clientList().split("\r?\n")) {
				String name = field(line, "name");
				if (name != null && !name.isEmpty()) {
					counts.merge(name, 1, Integer::sum);
				}
			}
			return counts;
		}
	}

	private static String field(String line, String name) {
		for (String field : line.split(" ")) {
			if (field.startsWith(name + "=")) {
				return field.substring(name.length() + 1);
			}
		}
		return null;
	}

	/**
	 * Connections named {@code name} per data node, e.g. {@code 16 / 0 / 0}.
	 * @param name the client name
	 * @return the counts in data node start order
	 */
	String perDataNode(String name) {
		return this.dataNodes.stream()
			.map((counts) -> Integer.toString(counts.getOrDefault(name, 0)))
			.collect(Collectors.joining(" / "));
	}

	/**
	 * Connections named {@code name} on all Sentinels together.
	 * @param name the client name
	 * @return the count
	 */
	int onSentinels(String name) {
		return this.sentinels.stream().mapToInt((counts) -> counts.getOrDefault(name, 0)).sum();
	}

}
