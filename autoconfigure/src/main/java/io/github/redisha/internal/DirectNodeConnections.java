package io.github.redisha.internal;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import org.jspecify.annotations.Nullable;

import io.github.redisha.connection.RedisEndpoint;

import org.springframework.boot.ssl.SslBundle;

/**
 * How redis-ha's own checks (startup check, health, failover monitoring) reach a single
 * node directly, beside the application's connection: URIs carrying the right credentials
 * and client options that fail fast instead of reconnecting. One place, so every check
 * authenticates and times out the same way.
 *
 * @author redis-ha
 */
public final class DirectNodeConnections {

	private DirectNodeConnections() {
	}

	/**
	 * A URI for one node, authenticated with {@code username}/{@code password} when a
	 * password is given.
	 * @param endpoint the node
	 * @param username the ACL user, or null for the default user
	 * @param password the password, or null for none
	 * @param timeout the command timeout
	 * @param ssl whether to use TLS
	 * @return the URI
	 */
	public static RedisURI uri(RedisEndpoint endpoint, @Nullable String username, @Nullable String password,
			Duration timeout, boolean ssl) {
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(endpoint.host())
			.withPort(endpoint.port())
			.withSsl(ssl)
			.withTimeout(timeout);
		if (password != null) {
			if (username != null) {
				builder.withAuthentication(username, password);
			}
			else {
				builder.withPassword(password.toCharArray());
			}
		}
		return builder.build();
	}

	/**
	 * Client options for short-lived checks: no auto-reconnect, connect and command
	 * timeouts of {@code timeout}, and the SSL bundle's key and trust material if one is
	 * configured.
	 * @param timeout the connect and command timeout
	 * @param sslBundle the SSL bundle, or null
	 * @return a builder to add to or build
	 */
	public static ClientOptions.Builder clientOptions(Duration timeout, @Nullable SslBundle sslBundle) {
		ClientOptions.Builder builder = ClientOptions.builder()
			.autoReconnect(false)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.timeoutOptions(TimeoutOptions.enabled(timeout));
		if (sslBundle != null) {
			builder.sslOptions(SslOptions.builder()
				.keyManager(sslBundle.getManagers().getKeyManagerFactory())
				.trustManager(sslBundle.getManagers().getTrustManagerFactory())
				.build());
		}
		return builder;
	}

}
