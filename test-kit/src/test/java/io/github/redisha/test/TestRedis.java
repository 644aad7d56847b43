package io.github.redisha.test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

/**
 * Lettuce helpers for the tests: one short-lived client per call.
 */
final class TestRedis {

	private TestRedis() {
	}

	static RedisURI uri(RedisNode node, String password) {
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withTimeout(Duration.ofSeconds(2));
		if (password != null) {
			builder.withPassword(password.toCharArray());
		}
		return builder.build();
	}

	static RedisClient client() {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
			.build());
		return client;
	}

	static <T> T redis(RedisNode node, String password, Function<RedisCommands<String, String>, T> action) {
		// a look at a node's state, not the behaviour under test: a connection dropped
		// under it is asked again
		for (int attempt = 1;; attempt++) {
			try {
				return redisOnce(node, password, action);
			}
			catch (RedisException ex) {
				if (attempt == 3 || !isDropped(ex)) {
					throw ex;
				}
			}
		}
	}

	private static boolean isDropped(RedisException ex) {
		return ex instanceof RedisConnectionException || String.valueOf(ex.getMessage()).contains("not connected");
	}

	private static <T> T redisOnce(RedisNode node, String password, Function<RedisCommands<String, String>, T> action) {
		RedisClient client = client();
		try (StatefulRedisConnection<String, String> connection = client.connect(uri(node, password))) {
			return action.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	static <T> T sentinel(RedisNode node, String password, Function<RedisSentinelCommands<String, String>, T> action) {
		RedisClient client = client();
		try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri(node, password))) {
			return action.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/**
	 * Runs {@code action} with a fresh cluster client seeded with every node: its first
	 * topology view is the cluster's current one.
	 */
	static <T> T cluster(ClusterTopology cluster, Function<RedisAdvancedClusterCommands<String, String>, T> action) {
		List<RedisURI> seeds = cluster.nodes()
			.stream()
			.filter((node) -> node.isRunning() && !node.isFrozen())
			.map((node) -> uri(node, cluster.password()))
			.toList();
		RedisClusterClient client = RedisClusterClient.create(seeds);
		// reconnecting (the default): a node connection the server drops while the
		// client is being set up queues the command instead of rejecting it
		client.setOptions(ClusterClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
			.build());
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			return action.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	static String ping(RedisNode node, String password) {
		return redis(node, password, RedisCommands::ping);
	}

	static String set(RedisNode node, String password, String key, String value) {
		return redis(node, password, (c) -> c.set(key, value));
	}

	static String get(RedisNode node, String password, String key) {
		return redis(node, password, (c) -> c.get(key));
	}

	static String config(RedisNode node, String password, String parameter) {
		return redis(node, password, (c) -> c.configGet(parameter).get(parameter));
	}

	/** First element of ROLE. */
	static String role(RedisNode node, String password) {
		return redis(node, password, (commands) -> String.valueOf(commands.role().get(0)));
	}

	/** Polls (deadline-bounded) until the condition holds. */
	static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() - deadline < 0) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
				last = null;
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted", ex);
			}
		}
		throw new AssertionError("Timed out waiting for " + what, last);
	}

}
