package io.github.redisha.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.redisha.test.RedisNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Asks one data node directly, bypassing the application's client: one short-lived
 * connection per call.
 */
public final class NodeCommands {

	private NodeCommands() {
	}

	/**
	 * Runs {@code action} (one command, or read-only ones) on a new connection; once more
	 * on another when the node closed the first before the command went out (Lettuce then
	 * rejects it unsent: {@code Currently not connected}). Sentinel kills the normal
	 * clients of a replica it promotes, which a connection opened right after a failover
	 * can meet.
	 */
	public static <T> T on(RedisNode node, String password, Function<RedisCommands<String, String>, T> action) {
		try {
			return once(node, password, action);
		}
		catch (RedisException ex) {
			if (ex instanceof RedisConnectionException || ex.getMessage() == null
					|| !ex.getMessage().startsWith("Currently not connected")) {
				throw ex;
			}
			return once(node, password, action);
		}
	}

	private static <T> T once(RedisNode node, String password, Function<RedisCommands<String, String>, T> action) {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
			.build());
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withTimeout(Duration.ofSeconds(3));
		if (password != null) {
			uri.withPassword(password.toCharArray());
		}
		try (StatefulRedisConnection<String, String> connection = client.connect(uri.build())) {
			return action.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	public static String role(RedisNode node, String password) {
		Object role = on(node, password, (redis) -> redis.role().get(0));
		return String.valueOf(role);
	}

	/**
	 * How often the node answered with this error code: {@code errorstat_<code>:count=N}
	 * of {@code INFO errorstats}.
	 */
	public static long errorReplies(RedisNode node, String password, String code) {
		String prefix = "errorstat_" + code + ":count=";
		String stats = on(node, password, (redis) -> redis.info("errorstats"));
		for (String line : stats.split("\r?\n")) {
			if (line.startsWith(prefix)) {
				return Long.parseLong(line.substring(prefix.length()).trim());
			}
		}
		return 0;
	}

	/** Calls per command from {@code INFO commandstats}, e.g. {@code get -> 12}. */
	public static Map<String, Long> commandCalls(RedisNode node, String password) {
		return commandStat(node, password, "calls");
	}

	public static long calls(RedisNode node, String password, String command) {
		return commandCalls(node, password).getOrDefault(command, 0L);
	}

	/**
	 * How often the node rejected {@code command} before running it (e.g. with
	 * {@code LOADING}): {@code rejected_calls} of {@code INFO commandstats}.
	 */
	public static long rejectedCalls(RedisNode node, String password, String command) {
		return commandStat(node, password, "rejected_calls").getOrDefault(command, 0L);
	}

	private static Map<String, Long> commandStat(RedisNode node, String password, String stat) {
		String info = on(node, password, (redis) -> redis.info("commandstats"));
		String prefix = stat + "=";
		Map<String, Long> values = new HashMap<>();
		for (String line : info.split("\r?\n")) {
			if (line.startsWith("cmdstat_")) {
				String command = line.substring("cmdstat_".length(), line.indexOf(':'));
				for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
					if (field.startsWith(prefix)) {
						values.put(command, Long.parseLong(field.substring(prefix.length())));
					}
				}
			}
		}
		return values;
	}

}
