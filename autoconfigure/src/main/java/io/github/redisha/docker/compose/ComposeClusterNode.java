package io.github.redisha.docker.compose;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;

/**
 * One Docker Compose service recognised as a node of a Redis Cluster. Recognised are a
 * service labelled {@code org.springframework.boot.service-connection: redis-cluster}
 * (which also keeps Boot's standalone Redis support away from it) and a service running
 * the {@code bitnami/redis-cluster} image. Its port: the label
 * {@code io.github.redisha.port}, else {@code REDIS_PORT_NUMBER} (the Bitnami image's
 * variable), else {@code REDIS_PORT}, else 6379.
 *
 * @param service the compose service name
 * @param endpoint where the application reaches this node
 * @param password the node's password, if the service says
 * @author redis-ha
 */
record ComposeClusterNode(String service, RedisEndpoint endpoint, @Nullable String password) {

	static final String CLUSTER_CONNECTION_NAME = "redis-cluster";

	static final String CLUSTER_IMAGE = "bitnami/redis-cluster";

	static final int DEFAULT_PORT = 6379;

	/**
	 * Recognise a cluster node.
	 * @param service the running compose service
	 * @return the node, or {@code null} if the service is not one
	 */
	static @Nullable ComposeClusterNode recognise(RunningService service) {
		if (!ComposeServices.is(service, CLUSTER_CONNECTION_NAME, CLUSTER_IMAGE)) {
			return null;
		}
		int port = ComposeServices.hostPort(service, DEFAULT_PORT, "REDIS_PORT_NUMBER", "REDIS_PORT");
		return new ComposeClusterNode(service.name(), new RedisEndpoint(service.host(), port),
				ComposeServices.firstText(service.env().get("REDIS_PASSWORD")));
	}

	@Override
	public String toString() {
		// no password: this appears in log lines and error messages
		return this.service + " at " + this.endpoint;
	}

}
