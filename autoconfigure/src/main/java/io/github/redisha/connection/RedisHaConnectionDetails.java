package io.github.redisha.connection;

import java.net.URI;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.credentials.RedisHaCredentials;
import io.github.redisha.credentials.RotatingCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

/**
 * {@link DataRedisConnectionDetails} resolved from {@link RedisHaProperties}. Spring Boot
 * builds its {@code LettuceConnectionFactory} from these, so everything Boot layers on
 * top (pooling, SSL bundles, timeouts, observation) keeps working.
 *
 * @author redis-ha
 */
final class RedisHaConnectionDetails implements DataRedisConnectionDetails {

	private static final Log logger = LogFactory.getLog(RedisHaConnectionDetails.class);

	private final RedisHaCredentials credentials;

	private final @Nullable SslBundle sslBundle;

	private final @Nullable Standalone standalone;

	private final @Nullable Sentinel sentinel;

	private final @Nullable Cluster cluster;

	private final int maxRedirects;

	private RedisHaConnectionDetails(RedisHaProperties properties, RedisHaCredentials credentials,
			@Nullable SslBundle sslBundle, @Nullable Standalone standalone, @Nullable Sentinel sentinel,
			@Nullable Cluster cluster) {
		this.credentials = credentials;
		this.sslBundle = sslBundle;
		this.standalone = standalone;
		this.sentinel = sentinel;
		this.cluster = cluster;
		this.maxRedirects = properties.getCluster().getMaxRedirects();
	}

	/**
	 * Resolve and validate the connection details.
	 * @param properties the bound properties
	 * @param sslBundle the SSL bundle to use, if any
	 * @return the details
	 * @throws RedisHaConfigurationException if a setting is invalid
	 */
	static RedisHaConnectionDetails of(RedisHaProperties properties, @Nullable SslBundle sslBundle) {
		RedisHaCredentials credentials = CredentialSettings.read(properties);
		if (properties.getCluster().isEnabled()) {
			return new RedisHaConnectionDetails(properties, credentials, sslBundle, null, null, cluster(properties));
		}
		if (properties.getSentinel().isEnabled()) {
			return new RedisHaConnectionDetails(properties, credentials, sslBundle, null,
					sentinel(properties, credentials.sentinel()), null);
		}
		if (!properties.getSentinels().isEmpty()) {
			logger.warn(RedisHaProperties.SENTINELS + " is set but REDIS_SENTINEL_ENABLED is not true: "
					+ "connecting to a single Redis node. Set REDIS_SENTINEL_ENABLED=true to use the sentinels.");
		}
		return new RedisHaConnectionDetails(properties, credentials, sslBundle, standalone(properties), null, null);
	}

	private static Cluster cluster(RedisHaProperties properties) {
		List<RedisEndpoint> endpoints = EndpointParser.parseList(properties.getCluster().getNodes(),
				RedisClusterProperties.NODES.toString());
		if (endpoints.isEmpty()) {
			throw new RedisHaConfigurationException(
					"REDIS_CLUSTER_ENABLED is true but " + RedisClusterProperties.NODES + " is empty.",
					"Set REDIS_CLUSTER_NODES to some of the cluster's nodes as comma-separated host:port pairs, e.g. "
							+ "REDIS_CLUSTER_NODES=redis-0:7000,redis-1:7001,redis-2:7002, "
							+ "or set REDIS_CLUSTER_ENABLED=false to connect to a single node (REDIS_HOST/REDIS_PORT).");
		}
		List<Node> nodes = endpoints.stream().map((endpoint) -> new Node(endpoint.host(), endpoint.port())).toList();
		return new Cluster() {

			@Override
			public List<Node> getNodes() {
				return nodes;
			}

			@Override
			public String toString() {
				return "Cluster[nodes=" + nodes + "]";
			}

		};
	}

	private static Sentinel sentinel(RedisHaProperties properties, RotatingCredentials credentials) {
		List<RedisEndpoint> endpoints = EndpointParser.parseList(properties.getSentinels(),
				RedisHaProperties.SENTINELS.toString());
		if (endpoints.isEmpty()) {
			throw new RedisHaConfigurationException(
					"REDIS_SENTINEL_ENABLED is true but " + RedisHaProperties.SENTINELS + " is empty.",
					"Set REDIS_SENTINELS to the sentinels as comma-separated host:port pairs, e.g. "
							+ "REDIS_SENTINELS=sentinel-0:26379,sentinel-1:26379,sentinel-2:26379, "
							+ "or set REDIS_SENTINEL_ENABLED=false to connect to a single node (REDIS_HOST/REDIS_PORT).");
		}
		List<Node> nodes = endpoints.stream().map((endpoint) -> new Node(endpoint.host(), endpoint.port())).toList();
		String masterName = properties.getMasterName().trim();
		int database = properties.getDatabase();
		return new Sentinel() {

			@Override
			public int getDatabase() {
				return database;
			}

			@Override
			public String getMaster() {
				return masterName;
			}

			@Override
			public List<Node> getNodes() {
				return nodes;
			}

			// the current values: read on every connect redis-ha makes (NodeClient)

			@Override
			public @Nullable String getUsername() {
				return credentials.username();
			}

			@Override
			public @Nullable String getPassword() {
				return credentials.password();
			}

			@Override
			public String toString() {
				return "Sentinel[master=" + masterName + ", nodes=" + nodes + "]";
			}

		};
	}

	private static Standalone standalone(RedisHaProperties properties) {
		String host = emptyToNull(properties.getHost());
		String port = (properties.getPort() != null) ? properties.getPort().trim() : "6379";
		if (port.startsWith("tcp://")) {
			// Kubernetes injects REDIS_PORT=tcp://<cluster-ip>:<port> for a Service named
			// "redis"
			URI link = serviceLink(port);
			String linkHost = link.getHost();
			String useHost = (host != null) ? host : linkHost;
			logger.warn(RedisHaProperties.PORT + " holds a Kubernetes service link (" + port + "); using port "
					+ link.getPort() + " on host " + useHost
					+ ((host != null) ? " (from REDIS_HOST)" : " (from the link)")
					+ ". Set REDIS_PORT to a plain port number, or set enableServiceLinks: false on the pod, "
					+ "to silence this.");
			return Standalone.of(useHost, link.getPort(), properties.getDatabase());
		}
		int portNumber = EndpointParser.parsePort(port, RedisHaProperties.PORT);
		return Standalone.of((host != null) ? host : "localhost", portNumber, properties.getDatabase());
	}

	private static URI serviceLink(String value) {
		try {
			URI uri = URI.create(value);
			if (uri.getHost() != null && uri.getPort() > 0) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through to the clear message below
		}
		throw RedisHaProperties.PORT.reject(value, "must be a port number or a tcp://host:port link",
				"Set REDIS_PORT to the Redis port, e.g. 6379.");
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return StringUtils.hasLength(value) ? value : null;
	}

	/**
	 * The credentials behind {@link #getUsername()}, {@link #getPassword()} and the
	 * sentinel's.
	 * @return the credentials
	 */
	RedisHaCredentials credentials() {
		return this.credentials;
	}

	boolean isSentinelMode() {
		return this.sentinel != null;
	}

	/**
	 * Describe mode and endpoints for the startup log line; never includes a secret.
	 * @return the description
	 */
	String describe() {
		if (this.cluster != null) {
			return "cluster mode, seed nodes "
					+ this.cluster.getNodes().stream().map(RedisHaConnectionDetails::format).toList() + ", at most "
					+ this.maxRedirects + " redirects per command" + describeAuth();
		}
		if (this.sentinel != null) {
			return "Sentinel mode, master name '" + this.sentinel.getMaster() + "', sentinels "
					+ this.sentinel.getNodes().stream().map(RedisHaConnectionDetails::format).toList() + ", database "
					+ this.sentinel.getDatabase() + describeAuth();
		}
		return "standalone mode, Redis at " + format(this.standalone) + ", database " + this.standalone.getDatabase()
				+ describeAuth();
	}

	private String describeAuth() {
		String auth = (getPassword() != null) ? ", data password set" : ", no data password";
		auth += this.credentials.data().isFromFiles() ? " (from a file, re-read on change)" : "";
		if (this.sentinel != null) {
			auth += (this.sentinel.getPassword() != null) ? ", sentinel password set" : ", no sentinel password";
			auth += this.credentials.sentinel().isFromFiles() ? " (from a file, re-read on change)" : "";
		}
		return auth + ((this.sslBundle != null) ? ", TLS" : "");
	}

	static String format(Node node) {
		return new RedisEndpoint(node.host(), node.port()).toString();
	}

	static String format(Standalone standalone) {
		return new RedisEndpoint(standalone.getHost(), standalone.getPort()).toString();
	}

	/**
	 * The data nodes' user name now: Boot's factory reads it once (and then uses the
	 * rotating credentials provider when the credentials come from files), redis-ha's own
	 * connections on every connect.
	 * @return the user name, or null for the default user
	 */
	@Override
	public @Nullable String getUsername() {
		return this.credentials.data().username();
	}

	/**
	 * The data nodes' password now, like {@link #getUsername()}.
	 * @return the password, or null for none
	 */
	@Override
	public @Nullable String getPassword() {
		return this.credentials.data().password();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		return this.sslBundle;
	}

	@Override
	public @Nullable Standalone getStandalone() {
		return this.standalone;
	}

	@Override
	public @Nullable Sentinel getSentinel() {
		return this.sentinel;
	}

	@Override
	public @Nullable Cluster getCluster() {
		return this.cluster;
	}

	@Override
	public String toString() {
		return "RedisHaConnectionDetails[" + describe() + "]";
	}

}
