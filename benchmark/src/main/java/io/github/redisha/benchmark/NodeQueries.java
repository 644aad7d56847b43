package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.function.Function;

import io.github.redisha.test.RedisNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * One-off questions to one benchmark node, on a connection of its own (no reconnects),
 * with the benchmark's data password.
 *
 * @author redis-ha
 */
final class NodeQueries {

	private NodeQueries() {
	}

	/**
	 * How many {@code GET}s {@code node} has served ({@code INFO commandstats}).
	 * @param node the node
	 * @return the count, 0 when none
	 */
	static long getCalls(RedisNode node) {
		String info = on(node, Duration.ofSeconds(5), (redis) -> redis.sync().info("commandstats"));
		for (String line : info.split("\r?\n")) {
			if (line.startsWith("cmdstat_get:")) {
				for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
					if (field.startsWith("calls=")) {
						return Long.parseLong(field.substring(6));
					}
				}
			}
		}
		return 0;
	}

	/**
	 * How often {@code node} answered with this error code ({@code INFO errorstats}).
	 * @param node the node
	 * @param code the code, e.g. {@code WRONGPASS}
	 * @return the count, 0 when none
	 */
	static long errorReplies(RedisNode node, String code) {
		String prefix = "errorstat_" + code + ":count=";
		String info = on(node, Duration.ofSeconds(5), (redis) -> redis.sync().info("errorstats"));
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(prefix)) {
				return Long.parseLong(line.substring(prefix.length()).trim());
			}
		}
		return 0;
	}

	static String get(RedisNode node, String key) {
		return on(node, Duration.ofSeconds(5), (redis) -> redis.sync().get(key));
	}

	/**
	 * Run {@code action} on a fresh connection to {@code node}.
	 * @param <T> the result type
	 * @param node the node
	 * @param timeout the command timeout
	 * @param action what to ask
	 * @return its answer
	 */
	static <T> T on(RedisNode node, Duration timeout, Function<StatefulRedisConnection<String, String>, T> action) {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
			.build());
		try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withPassword(FailoverBenchmark.DATA_PASSWORD.toCharArray())
			.withTimeout(timeout)
			.build())) {
			return action.apply(connection);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
