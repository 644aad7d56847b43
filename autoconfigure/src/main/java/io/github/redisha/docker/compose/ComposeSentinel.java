package io.github.redisha.docker.compose;

import java.util.Objects;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;

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

	static final String SENTINEL_CONNECTION_NAME = "redis-sentinel";

	static final String SENTINEL_IMAGE = "bitnami/redis-sentinel";

	static final String MASTER_NAME_LABEL = "io.github.redisha.master-name";

	static final int DEFAULT_PORT = 26379;

	/**
	 * Recognise a Sentinel service.
	 * @param service the running compose service
	 * @return the Sentinel, or {@code null} if the service is not one
	 */
	static @Nullable ComposeSentinel recognise(RunningService service) {
		if (!ComposeServices.is(service, SENTINEL_CONNECTION_NAME, SENTINEL_IMAGE)) {
			return null;
		}
		String masterName = ComposeServices.firstText(service.labels().get(MASTER_NAME_LABEL),
				service.env().get("REDIS_MASTER_SET"), service.env().get("REDIS_MASTER_NAME"));
		String password = ComposeServices.firstText(service.env().get("REDIS_MASTER_PASSWORD"),
				service.env().get("REDIS_PASSWORD"));
		String sentinelPassword = ComposeServices.firstText(service.env().get("REDIS_SENTINEL_PASSWORD"));
		return new ComposeSentinel(service.name(),
				new RedisEndpoint(service.host(),
						ComposeServices.hostPort(service, DEFAULT_PORT, "REDIS_SENTINEL_PORT_NUMBER")),
				masterName, password, sentinelPassword);
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
