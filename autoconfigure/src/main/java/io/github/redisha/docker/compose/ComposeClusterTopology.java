package io.github.redisha.docker.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.redisha.RedisHaConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;

/**
 * The Redis Cluster among the running Docker Compose services: every recognised
 * {@link ComposeClusterNode}, which must agree on the password. All of them become seed
 * nodes; the cluster itself tells the client which are primaries. Forming the cluster is
 * left to the compose file (a one-shot service, labelled
 * {@code org.springframework.boot.ignore}).
 *
 * @author redis-ha
 */
final class ComposeClusterTopology {

	private final List<ComposeClusterNode> nodes;

	private ComposeClusterTopology(List<ComposeClusterNode> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Find the cluster among the services.
	 * @param services the running services Boot's Docker Compose support reports
	 * @return the cluster, or {@code null} if no service is a cluster node
	 * @throws RedisHaConfigurationException if the nodes disagree on the password or a
	 * plain Redis service would also get Boot's standalone connection details
	 */
	static @Nullable ComposeClusterTopology of(List<RunningService> services) {
		List<ComposeClusterNode> nodes = new ArrayList<>();
		List<RunningService> others = new ArrayList<>();
		for (RunningService service : services) {
			ComposeClusterNode node = ComposeClusterNode.recognise(service);
			if (node != null) {
				nodes.add(node);
			}
			else {
				others.add(service);
			}
		}
		if (nodes.isEmpty()) {
			return null;
		}
		ComposeClusterNode first = nodes.get(0);
		for (ComposeClusterNode node : nodes) {
			if (!Objects.equals(node.password(), first.password())) {
				throw new RedisHaConfigurationException(
						"Docker Compose services '" + first.service() + "' and '" + node.service()
								+ "' are both Redis Cluster nodes but have different passwords (REDIS_PASSWORD).",
						"Give every node of the cluster the same REDIS_PASSWORD, or label the services of any other "
								+ "topology " + ComposeServices.IGNORE_LABEL + ": \"true\".");
			}
		}
		ComposeServices.rejectStandaloneRedis(others, "the Redis Cluster of " + nodes, "that service",
				"connects to the cluster's nodes");
		return new ComposeClusterTopology(List.copyOf(nodes));
	}

	/**
	 * The {@code redis.*} settings that select this cluster.
	 * @return the settings
	 */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("redis.cluster.enabled", "true");
		properties.put("redis.cluster.nodes",
				this.nodes.stream().map((node) -> node.endpoint().toString()).collect(Collectors.joining(",")));
		String password = this.nodes.get(0).password();
		if (password != null) {
			properties.put("redis.password", password);
		}
		return properties;
	}

	/**
	 * Describe the cluster for the log; never includes a secret.
	 * @return the description
	 */
	String describe() {
		return "cluster nodes " + this.nodes;
	}

}
