package io.github.redisha.testsupport;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Function;

import io.github.redisha.test.RedisNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Talks to one node directly, bypassing the application's connection, to check where data
 * really is.
 */
public final class DirectRedis {

	private DirectRedis() {
	}

	/**
	 * {@code GET key} on the node.
	 * @param node the node
	 * @param password its password, or null
	 * @param key the key
	 * @return the value, or null
	 */
	public static String get(RedisNode node, String password, String key) {
		return call(node, password, (commands) -> commands.get(key));
	}

	/**
	 * Run commands on the node, e.g. {@code REPLICAOF} or writing a key of the wrong
	 * type.
	 * @param <T> the result type
	 * @param node the node
	 * @param password its password, or null
	 * @param commands what to run
	 * @return what it returned
	 */
	public static <T> T call(RedisNode node, String password, Function<RedisCommands<String, String>, T> commands) {
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withTimeout(Duration.ofSeconds(5));
		if (password != null) {
			uri.withPassword(password.toCharArray());
		}
		RedisClient client = RedisClient.create(uri.build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return commands.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/**
	 * A loopback port nothing listens on.
	 * @return the port
	 */
	public static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
