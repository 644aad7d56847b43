package io.github.redisha.docker.compose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;

/**
 * A compose service as Boot's Docker Compose support reports it, built in a test: name,
 * image, labels, environment and published ports (container port to host port; none for
 * host networking with an image that exposes nothing).
 */
record ComposeService(String name, ImageReference image, Map<String, String> labels, Map<String, @Nullable String> env,
		Map<Integer, Integer> published) implements RunningService {

	static ComposeService of(String name, String image) {
		return new ComposeService(name, ImageReference.of(image), Map.of(), Map.of(), Map.of());
	}

	/**
	 * A Sentinel as the repository's docker-compose.yml defines it: the official image
	 * (which exposes 6379, mapped to itself with host networking), the label, its port,
	 * master name and passwords in the environment.
	 */
	static ComposeService projectSentinel(String name, int port, String masterName) {
		return of(name, "redis:7.2").sentinel()
			.env("REDIS_SENTINEL_PORT_NUMBER", String.valueOf(port))
			.env("REDIS_MASTER_NAME", masterName)
			.env("REDIS_PASSWORD", "data-secret")
			.env("REDIS_SENTINEL_PASSWORD", "sentinel-secret")
			.publish(6379, 6379);
	}

	ComposeService label(String key, String value) {
		Map<String, String> labels = new HashMap<>(this.labels);
		labels.put(key, value);
		return new ComposeService(this.name, this.image, labels, this.env, this.published);
	}

	ComposeService env(String key, String value) {
		Map<String, @Nullable String> env = new HashMap<>(this.env);
		env.put(key, value);
		return new ComposeService(this.name, this.image, this.labels, env, this.published);
	}

	ComposeService publish(int containerPort, int hostPort) {
		Map<Integer, Integer> published = new HashMap<>(this.published);
		published.put(containerPort, hostPort);
		return new ComposeService(this.name, this.image, this.labels, this.env, published);
	}

	ComposeService sentinel() {
		return label("org.springframework.boot.service-connection", "redis-sentinel");
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public ConnectionPorts ports() {
		return new ConnectionPorts() {

			@Override
			public int get(int containerPort) {
				Integer hostPort = ComposeService.this.published.get(containerPort);
				if (hostPort == null) {
					// what Boot's own ConnectionPorts does for a port it has no mapping
					// for
					throw new IllegalStateException("No host port mapping found for container port " + containerPort);
				}
				return hostPort;
			}

			@Override
			public List<Integer> getAll() {
				return List.copyOf(ComposeService.this.published.values());
			}

			@Override
			public List<Integer> getAll(@Nullable String protocol) {
				return getAll();
			}

		};
	}

}
