package io.github.redisha.docker.compose;

import java.util.Objects;

import io.github.redisha.connection.RedisEndpoint;
import io.github.redisha.connection.RedisHaConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.util.StringUtils;

/**
 * One Docker Compose service recognised as a Redis Sentinel, with what its labels and
 * environment say about the topology it monitors. Recognised are a service labelled
 * {@code org.springframework.boot.service-connection: redis-sentinel} (Boot's own label,
 * which also keeps Boot's standalone Redis support away from it) and a service running
 * the {@code bitnami/redis-sentinel} image. The compose API does not expose a service's
 * command, so a {@code redis-sentinel} or {@code --sentinel} command cannot be recognised
 * by itself.
 *
 * @param service the compose service name
 * @param endpoint where the application reaches this Sentinel
 * @param masterName the monitored master's name, if the service says
 * @param password the data nodes' password, if the service says
 * @param sentinelPassword the Sentinel's own password, if the service says
 * @author redis-ha
 */
record ComposeSentinel(String service, RedisEndpoint endpoint, @Nullable String masterName, @Nullable String password,
		@Nullable String sentinelPassword) {

	static final String SERVICE_CONNECTION_LABEL = "org.springframework.boot.service-connection";

	static final String SENTINEL_CONNECTION_NAME = "redis-sentinel";

	static final String SENTINEL_IMAGE = "bitnami/redis-sentinel";

	static final String PORT_LABEL = "io.github.redisha.port";

	static final String MASTER_NAME_LABEL = "io.github.redisha.master-name";

	static final int DEFAULT_PORT = 26379;

	/**
	 * Recognise a Sentinel service.
	 * @param service the running compose service
	 * @return the Sentinel, or {@code null} if the service is not one
	 */
	static @Nullable ComposeSentinel recognise(RunningService service) {
		if (!isSentinel(service)) {
			return null;
		}
		String masterName = firstText(service.labels().get(MASTER_NAME_LABEL), service.env().get("REDIS_MASTER_SET"),
				service.env().get("REDIS_MASTER_NAME"));
		String password = firstText(service.env().get("REDIS_MASTER_PASSWORD"), service.env().get("REDIS_PASSWORD"));
		String sentinelPassword = firstText(service.env().get("REDIS_SENTINEL_PASSWORD"));
		return new ComposeSentinel(service.name(), new RedisEndpoint(service.host(), hostPort(service)), masterName,
				password, sentinelPassword);
	}

	private static boolean isSentinel(RunningService service) {
		String connectionName = service.labels().get(SERVICE_CONNECTION_LABEL);
		if (connectionName != null) {
			return SENTINEL_CONNECTION_NAME.equals(connectionName.trim());
		}
		return canonicalName(SENTINEL_IMAGE).equals(service.image().getName());
	}

	static String canonicalName(String image) {
		return ImageReference.of(image).getName();
	}

	private static int hostPort(RunningService service) {
		int containerPort = containerPort(service);
		try {
			return service.ports().get(containerPort);
		}
		catch (IllegalStateException ex) {
			// not published and not exposed by the image: host networking, same port
			return containerPort;
		}
	}

	private static int containerPort(RunningService service) {
		String label = service.labels().get(PORT_LABEL);
		if (StringUtils.hasText(label)) {
			return parsePort(label, service, "label " + PORT_LABEL);
		}
		String env = service.env().get("REDIS_SENTINEL_PORT_NUMBER");
		if (StringUtils.hasText(env)) {
			return parsePort(env, service, "environment variable REDIS_SENTINEL_PORT_NUMBER");
		}
		return DEFAULT_PORT;
	}

	private static int parsePort(String value, RunningService service, String source) {
		try {
			int port = Integer.parseInt(value.trim());
			if (port > 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new RedisHaConfigurationException(
				"Docker Compose service '" + service.name() + "' has " + source + " '" + value
						+ "', which is not a port number.",
				"Set " + source + " to the port the Sentinel listens on, e.g. 26379, or remove it to use "
						+ DEFAULT_PORT + ".");
	}

	private static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

	boolean sameTopologyAs(ComposeSentinel other) {
		return Objects.equals(this.masterName, other.masterName) && Objects.equals(this.password, other.password)
				&& Objects.equals(this.sentinelPassword, other.sentinelPassword);
	}

	@Override
	public String toString() {
		// no passwords: this appears in log lines and error messages
		return this.service + " at " + this.endpoint;
	}

}
