package io.github.redisha.docker.compose;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.redisha.RedisHaConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.util.StringUtils;

/**
 * What the recognised Redis services have in common: how a service is recognised (Boot's
 * service-connection label, else its image) and where the application reaches it.
 *
 * @author redis-ha
 */
final class ComposeServices {

	static final String SERVICE_CONNECTION_LABEL = "org.springframework.boot.service-connection";

	static final String PORT_LABEL = "io.github.redisha.port";

	static final String IGNORE_LABEL = "org.springframework.boot.ignore";

	/**
	 * Names matched by Spring Boot 4.1's
	 * {@code RedisDockerComposeConnectionDetailsFactory}.
	 */
	private static final Set<String> BOOT_REDIS_NAMES = Set.of("redis", "redis/redis-stack", "redis/redis-stack-server")
		.stream()
		.map(ComposeServices::canonicalName)
		.collect(Collectors.toUnmodifiableSet());

	private ComposeServices() {
	}

	/**
	 * Whether the service is of the given kind: labelled
	 * {@code org.springframework.boot.service-connection: <connectionName>}, or, without
	 * that label, running {@code image}.
	 * @param service the running service
	 * @param connectionName the service-connection name of the kind
	 * @param image the image of the kind
	 * @return whether the service is one
	 */
	static boolean is(RunningService service, String connectionName, String image) {
		String label = service.labels().get(SERVICE_CONNECTION_LABEL);
		if (label != null) {
			return connectionName.equals(label.trim());
		}
		return canonicalName(image).equals(service.image().getName());
	}

	static String canonicalName(String image) {
		return ImageReference.of(image).getName();
	}

	/**
	 * The port the application reaches the service on: the published port of its
	 * container port, else (host networking) the container port itself. The container
	 * port comes from the label {@code io.github.redisha.port}, else the first of
	 * {@code portVariables} the service sets, else {@code defaultPort}.
	 * @param service the running service
	 * @param defaultPort the kind's usual port
	 * @param portVariables environment variables that name the port, in order
	 * @return the port
	 */
	static int hostPort(RunningService service, int defaultPort, String... portVariables) {
		int containerPort = containerPort(service, defaultPort, portVariables);
		try {
			return service.ports().get(containerPort);
		}
		catch (IllegalStateException ex) {
			// not published and not exposed by the image: host networking, same port
			return containerPort;
		}
	}

	private static int containerPort(RunningService service, int defaultPort, String... portVariables) {
		String label = service.labels().get(PORT_LABEL);
		if (StringUtils.hasText(label)) {
			return parsePort(label, service, "label " + PORT_LABEL, defaultPort);
		}
		for (String variable : portVariables) {
			String env = service.env().get(variable);
			if (StringUtils.hasText(env)) {
				return parsePort(env, service, "environment variable " + variable, defaultPort);
			}
		}
		return defaultPort;
	}

	private static int parsePort(String value, RunningService service, String source, int defaultPort) {
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
				"Set " + source + " to the port the service listens on, e.g. " + defaultPort + ", or remove it to use "
						+ defaultPort + ".");
	}

	/**
	 * Rejects a service that Spring Boot's own Redis support would turn into standalone
	 * connection details next to a topology redis-ha found: those details would replace
	 * or contradict it.
	 * @param others the services that are not part of the topology
	 * @param topology the topology found, for the message
	 * @param dataNodes what the data nodes are called, for the message
	 * @param howFound how redis-ha reaches the data nodes instead, for the message
	 * @throws RedisHaConfigurationException if there is such a service
	 */
	static void rejectStandaloneRedis(List<RunningService> others, String topology, String dataNodes, String howFound) {
		for (RunningService service : others) {
			if (BOOT_REDIS_NAMES.contains(bootConnectionName(service))) {
				throw new RedisHaConfigurationException(
						"Docker Compose service '" + service.name() + "' (image " + service.image()
								+ ") would get Spring Boot's standalone Redis connection details next to " + topology
								+ ".",
						"Label " + dataNodes + " " + IGNORE_LABEL + ": \"true\" (redis-ha " + howFound
								+ "), or set REDIS_ENABLED=false to use Spring Boot's standalone connection instead.");
			}
		}
	}

	private static String bootConnectionName(RunningService service) {
		String label = service.labels().get(SERVICE_CONNECTION_LABEL);
		return (label != null) ? canonicalName(label.trim()) : service.image().getName();
	}

	static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

}
