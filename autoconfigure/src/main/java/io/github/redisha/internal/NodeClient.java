package io.github.redisha.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.github.redisha.RedisEndpoint;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.ssl.SslBundle;

/**
 * redis-ha's own client for single data nodes and sentinels, beside the application's
 * connection: the startup check, the failover engine and the health probe all reach nodes
 * through it, so they authenticate, time out and speak TLS the same way. TLS is used
 * exactly when the connection details carry an SSL bundle, as Boot's own factory does.
 *
 * <p>
 * Its {@link ClientResources} are either borrowed (the application's, never shut down
 * here) or owned (shut down by {@link #close()}). Connections fail fast: no
 * auto-reconnect, connect and command timeouts of the given timeout, RESP2 (a rejected
 * RESP3 {@code HELLO} can race Lettuce's handshake and hide the {@code NOAUTH} reply).
 * Only Pub/Sub connections, which must survive a sentinel restart, reconnect on their
 * own.
 *
 * @author redis-ha
 */
public final class NodeClient implements AutoCloseable {

	private static final StringCodec CODEC = StringCodec.UTF8;

	private final DataRedisConnectionDetails details;

	private final ClientResources resources;

	private final boolean ownsResources;

	private final Duration timeout;

	private final @Nullable String clientName;

	private final RedisClient client;

	// a lock, not a monitor: the starter keeps synchronized off its paths (virtual
	// threads, MonitorUsageTests)
	private final Lock subscriberLock = new ReentrantLock();

	private @Nullable RedisClient subscriber;

	private NodeClient(DataRedisConnectionDetails details, ClientResources resources, boolean ownsResources,
			Duration timeout, @Nullable String clientName) {
		this.details = details;
		this.resources = resources;
		this.ownsResources = ownsResources;
		this.timeout = timeout;
		this.clientName = clientName;
		this.client = RedisClient.create(resources);
		this.client.setOptions(clientOptions(false));
	}

	/**
	 * A client on the application's resources, which it never shuts down.
	 * @param applicationResources the application's resources, or null to create (and
	 * shut down on close) resources of its own
	 * @param details the connection details: credentials and SSL bundle
	 * @param timeout the connect and command timeout
	 * @return the client
	 */
	public static NodeClient borrowing(@Nullable ClientResources applicationResources,
			DataRedisConnectionDetails details, Duration timeout) {
		if (applicationResources == null) {
			return new NodeClient(details, NameResolution.ownResources().build(), true, timeout, null);
		}
		return new NodeClient(details, applicationResources, false, timeout, null);
	}

	/**
	 * A client on resources of its own, shut down on close.
	 * @param resources the resources it owns
	 * @param details the connection details: credentials and SSL bundle
	 * @param timeout the connect and command timeout
	 * @param clientName the name it gives its connections ({@code CLIENT SETNAME})
	 * @return the client
	 */
	public static NodeClient owning(ClientResources resources, DataRedisConnectionDetails details, Duration timeout,
			String clientName) {
		return new NodeClient(details, resources, true, timeout, clientName);
	}

	/**
	 * The connect and command timeout.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * A connection to a data node, with the data credentials.
	 * @param node the node
	 * @return the connection
	 */
	public CompletableFuture<StatefulRedisConnection<String, String>> connectData(RedisEndpoint node) {
		return attempt(() -> this.client.connectAsync(CODEC, dataUri(node)).toCompletableFuture());
	}

	/**
	 * A command connection to a sentinel, with the sentinel credentials.
	 * @param sentinel the sentinel
	 * @return the connection
	 */
	public CompletableFuture<StatefulRedisSentinelConnection<String, String>> connectSentinel(RedisEndpoint sentinel) {
		return attempt(() -> this.client.connectSentinelAsync(CODEC, sentinelUri(sentinel)).toCompletableFuture());
	}

	/**
	 * A Pub/Sub connection to a sentinel that Lettuce reconnects and re-subscribes.
	 * @param sentinel the sentinel
	 * @return the connection
	 */
	public CompletableFuture<StatefulRedisPubSubConnection<String, String>> subscribe(RedisEndpoint sentinel) {
		return attempt(() -> subscriber().connectPubSubAsync(CODEC, sentinelUri(sentinel)).toCompletableFuture());
	}

	/**
	 * {@code ROLE} of a data node.
	 * @param connection a connection to the node
	 * @return its role, completing with null on an empty reply
	 */
	public static CompletableFuture<@Nullable NodeRole> role(StatefulRedisConnection<String, String> connection) {
		return connection.async().role().toCompletableFuture().thenApply(NodeRole::parse);
	}

	/**
	 * Ask a sentinel for the master's address ({@code GET-MASTER-ADDR-BY-NAME}, which
	 * already names a promoted replica during a failover).
	 * @param connection a connection to the sentinel
	 * @param masterName the master name
	 * @return the master, completing with null when the sentinel does not know the name
	 */
	public static CompletableFuture<@Nullable RedisEndpoint> masterAddress(
			StatefulRedisSentinelConnection<String, String> connection, String masterName) {
		return connection.async()
			.getMasterAddrByName(masterName)
			.toCompletableFuture()
			.thenApply((address) -> (address instanceof InetSocketAddress inet)
					? new RedisEndpoint(inet.getHostString(), inet.getPort()) : null);
	}

	/**
	 * Wait for a future as Lettuce's synchronous API does: its own failure is thrown, not
	 * a wrapper around it.
	 * @param <T> the result type
	 * @param future the future
	 * @return its result
	 */
	public static <T> T await(CompletionStage<T> future) {
		try {
			return future.toCompletableFuture().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null)
					? wrapped.getCause() : ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new RedisException(cause);
		}
	}

	RedisURI dataUri(RedisEndpoint node) {
		return uri(node, () -> RedisCredentials.just(this.details.getUsername(), this.details.getPassword()));
	}

	RedisURI sentinelUri(RedisEndpoint node) {
		return uri(node, () -> {
			Sentinel sentinel = this.details.getSentinel();
			return (sentinel != null) ? RedisCredentials.just(sentinel.getUsername(), sentinel.getPassword())
					: RedisCredentials.just(null, (String) null);
		});
	}

	/**
	 * A URI whose credentials are asked on every connect and reconnect, so that rotated
	 * credentials (connection details that read a file) reach new connections and the
	 * reconnects of the Pub/Sub ones. Live connections are not re-authenticated: they
	 * stay authenticated when a password is removed, and RESP2 Pub/Sub connections cannot
	 * be.
	 * @param node the node
	 * @param credentials the credentials, asked on every connect
	 * @return the URI
	 */
	private RedisURI uri(RedisEndpoint node, Supplier<RedisCredentials> credentials) {
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withSsl(this.details.getSslBundle() != null)
			.withTimeout(this.timeout)
			.withAuthentication(RedisCredentialsProvider.from(credentials));
		if (this.clientName != null) {
			builder.withClientName(this.clientName);
		}
		return builder.build();
	}

	private ClientOptions clientOptions(boolean autoReconnect) {
		ClientOptions.Builder builder = ClientOptions.builder()
			.autoReconnect(autoReconnect)
			.protocolVersion(ProtocolVersion.RESP2)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(this.timeout).build())
			.timeoutOptions(TimeoutOptions.enabled(this.timeout));
		SslBundle sslBundle = this.details.getSslBundle();
		if (sslBundle != null) {
			builder.sslOptions(SslOptions.builder()
				.keyManager(sslBundle.getManagers().getKeyManagerFactory())
				.trustManager(sslBundle.getManagers().getTrustManagerFactory())
				.build());
		}
		return builder.build();
	}

	private RedisClient subscriber() {
		this.subscriberLock.lock();
		try {
			RedisClient current = this.subscriber;
			if (current == null) {
				current = RedisClient.create(this.resources);
				current.setOptions(clientOptions(true));
				this.subscriber = current;
			}
			return current;
		}
		finally {
			this.subscriberLock.unlock();
		}
	}

	private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> connect) {
		try {
			return connect.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Shut down the connections, and the resources if this client owns them.
	 */
	@Override
	public void close() {
		this.client.shutdown(Duration.ZERO, this.timeout);
		RedisClient reconnecting;
		this.subscriberLock.lock();
		try {
			reconnecting = this.subscriber;
		}
		finally {
			this.subscriberLock.unlock();
		}
		if (reconnecting != null) {
			reconnecting.shutdown(Duration.ZERO, this.timeout);
		}
		if (this.ownsResources) {
			this.resources.shutdown(0, this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

}
