package io.github.redisha.test.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ListOfMapsOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short-lived Lettuce connections to single nodes: every call opens a connection with
 * short timeouts, runs one or a few commands and closes it. No reconnects, no retries:
 * callers poll.
 *
 * @author redis-ha
 */
final class Probe implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Probe.class);

	static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);

	static final Duration COMMAND_TIMEOUT = Duration.ofMillis(2000);

	private final ClientResources resources;

	private final RedisClient client;

	Probe() {
		// own resources per topology, shut down with it: timers of unfinished handshakes
		// (e.g. with a node that was
		// frozen or killed meanwhile) then die with their event loops instead of firing
		// into terminated ones
		this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
		this.client = RedisClient.create(this.resources);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.protocolVersion(ProtocolVersion.RESP2)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
			.timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
			.build());
	}

	private static RedisURI uri(int port, String password) {
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(ManagedRedisNode.HOST)
			.withPort(port)
			.withTimeout(COMMAND_TIMEOUT)
			.withClientName("redisha-test-kit");
		if (password != null) {
			builder.withPassword(password.toCharArray());
		}
		return builder.build();
	}

	/**
	 * Runs {@code action} on a new connection. Once more on another connection when the
	 * first was closed by the server between the handshake and the command: Lettuce then
	 * rejects the command without sending it ({@code Currently not connected}), so
	 * sending it again cannot run it twice. Seen once in CI while forming a cluster in
	 * containers; a one-shot formation command must not fail a whole test class for it.
	 * @param <T> the type of the result
	 * @param port the port of the node
	 * @param password the password of the node, or {@code null}
	 * @param action the commands to run: one command, or read-only ones
	 * @return what {@code action} returns
	 */
	<T> T redis(int port, String password, Function<RedisCommands<String, String>, T> action) {
		try (StatefulRedisConnection<String, String> connection = connect(port, password)) {
			return action.apply(connection.sync());
		}
		catch (RedisException ex) {
			if (!isUnsent(ex)) {
				throw ex;
			}
			logger.info("{}:{} closed a new connection before the first command; trying once more",
					ManagedRedisNode.HOST, port);
		}
		try (StatefulRedisConnection<String, String> connection = connect(port, password)) {
			return action.apply(connection.sync());
		}
	}

	/**
	 * Whether Lettuce rejected a command because the channel was already closed: the
	 * command never reached the server.
	 * @param ex what a command threw
	 * @return {@code true} if the command was not sent
	 */
	static boolean isUnsent(RedisException ex) {
		return !(ex instanceof RedisConnectionException) && ex.getMessage() != null
				&& ex.getMessage().startsWith("Currently not connected");
	}

	/**
	 * A connection for a series of commands (e.g. moving slots); the caller closes it.
	 * @param port the port of the node
	 * @param password the password of the node, or {@code null}
	 * @return a new connection
	 */
	StatefulRedisConnection<String, String> connect(int port, String password) {
		return this.client.connect(StringCodec.UTF8, uri(port, password));
	}

	<T> T sentinel(int port, String password, Function<RedisSentinelCommands<String, String>, T> action) {
		// Lettuce logs a WARN for every refused Sentinel connection; probing a node that
		// is still starting is normal
		checkListening(port);
		try (StatefulRedisSentinelConnection<String, String> connection = this.client.connectSentinel(StringCodec.UTF8,
				uri(port, password))) {
			return action.apply(connection.sync());
		}
	}

	private static void checkListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(ManagedRedisNode.HOST, port), (int) CONNECT_TIMEOUT.toMillis());
		}
		catch (IOException ex) {
			throw new RedisConnectionException(
					"Unable to connect to " + ManagedRedisNode.HOST + ":" + port + ": " + ex.getMessage(), ex);
		}
	}

	String ping(int port, String password) {
		return redis(port, password, RedisCommands::ping);
	}

	String sentinelPing(int port, String password) {
		return sentinel(port, password, RedisSentinelCommands::ping);
	}

	/**
	 * First element of {@code ROLE}: {@code master}, {@code slave} (or {@code sentinel}).
	 * @param port the port of the node
	 * @param password the password of the node, or {@code null}
	 * @return the role the node reports
	 */
	String role(int port, String password) {
		return redis(port, password, (commands) -> {
			Object first = commands.role().get(0);
			if (first instanceof java.nio.ByteBuffer buffer) {
				return StringCodec.UTF8.decodeValue(buffer);
			}
			return String.valueOf(first);
		});
	}

	Map<String, String> infoReplication(int port, String password) {
		return redis(port, password, (commands) -> parseInfo(commands.info("replication")));
	}

	InetSocketAddress masterAddress(int sentinelPort, String sentinelPassword, String masterName) {
		SocketAddress address = sentinel(sentinelPort, sentinelPassword,
				(commands) -> commands.getMasterAddrByName(masterName));
		return (InetSocketAddress) address;
	}

	/**
	 * What one Sentinel knows about the master and its replicas and fellow Sentinels.
	 * @param sentinelPort the port of the Sentinel to ask
	 * @param sentinelPassword the password of the Sentinel, or {@code null}
	 * @param masterName the name of the monitored master
	 * @return what the Sentinel reports
	 */
	SentinelView sentinelView(int sentinelPort, String sentinelPassword, String masterName) {
		return sentinel(sentinelPort, sentinelPassword, (commands) -> {
			Map<String, String> master = commands.master(masterName);
			List<Map<String, String>> replicas = commands.replicas(masterName);
			List<Map<String, String>> sentinels = commands.dispatch(CommandType.SENTINEL,
					new ListOfMapsOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("SENTINELS").add(masterName));
			return new SentinelView(master, replicas, sentinels);
		});
	}

	String failover(int sentinelPort, String sentinelPassword, String masterName) {
		return sentinel(sentinelPort, sentinelPassword, (commands) -> commands.failover(masterName));
	}

	static Map<String, String> parseInfo(String info) {
		Map<String, String> result = new HashMap<>();
		for (String line : info.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				result.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
			}
		}
		return result;
	}

	@Override
	public void close() {
		try {
			this.client.shutdown(0, 2, TimeUnit.SECONDS);
		}
		finally {
			this.resources.shutdown(0, 2, TimeUnit.SECONDS);
		}
	}

	record SentinelView(Map<String, String> master, List<Map<String, String>> replicas,
			List<Map<String, String>> sentinels) {
	}

}
