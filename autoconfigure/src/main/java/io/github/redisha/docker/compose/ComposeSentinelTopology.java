package io.github.redisha.docker.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.redisha.RedisHaConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;

/**
 * The Sentinel topology among the running Docker Compose services: every recognised
 * {@link ComposeSentinel}, which must agree on the master name and passwords. Redis data
 * nodes are not needed (the Sentinels name the master and replicas); a data node that
 * Spring Boot's own Redis support would also turn into standalone connection details is
 * rejected, as those details would replace or contradict the Sentinel topology.
 *
 * @author redis-ha
 */
final class ComposeSentinelTopology {

	private final List<ComposeSentinel> sentinels;

	private ComposeSentinelTopology(List<ComposeSentinel> sentinels) {
		this.sentinels = sentinels;
	}

	/**
	 * Find the Sentinel topology among the services.
	 * @param services the running services Boot's Docker Compose support reports (without
	 * the ones labelled {@code org.springframework.boot.ignore})
	 * @return the topology, or {@code null} if no service is a Sentinel
	 * @throws RedisHaConfigurationException if the Sentinels disagree or a data node
	 * would also get Boot's standalone connection details
	 */
	static @Nullable ComposeSentinelTopology of(List<RunningService> services) {
		List<ComposeSentinel> sentinels = new ArrayList<>();
		List<RunningService> others = new ArrayList<>();
		for (RunningService service : services) {
			ComposeSentinel sentinel = ComposeSentinel.recognise(service);
			if (sentinel != null) {
				sentinels.add(sentinel);
			}
			else {
				others.add(service);
			}
		}
		if (sentinels.isEmpty()) {
			return null;
		}
		rejectDisagreement(sentinels);
		ComposeServices.rejectStandaloneRedis(others, "the Sentinel topology of " + sentinels, "the Redis data nodes",
				"finds them through the Sentinels");
		return new ComposeSentinelTopology(List.copyOf(sentinels));
	}

	private static void rejectDisagreement(List<ComposeSentinel> sentinels) {
		ComposeSentinel first = sentinels.get(0);
		for (ComposeSentinel sentinel : sentinels) {
			if (!sentinel.sameTopologyAs(first)) {
				throw new RedisHaConfigurationException(
						"Docker Compose services '" + first.service() + "' and '" + sentinel.service()
								+ "' are both Redis Sentinels but name different masters or passwords "
								+ "(REDIS_MASTER_NAME / REDIS_MASTER_SET, label " + ComposeSentinel.MASTER_NAME_LABEL
								+ ", REDIS_PASSWORD / REDIS_MASTER_PASSWORD, REDIS_SENTINEL_PASSWORD).",
						"Give every Sentinel service of the topology the same master name and passwords, or label "
								+ "the services of any other topology " + ComposeServices.IGNORE_LABEL + ": \"true\".");
			}
		}
	}

	/**
	 * The {@code redis.*} settings that select this topology; a master name or password
	 * the services do not state is left to {@code REDIS_*} and redis-ha's defaults.
	 * @return the settings
	 */
	Map<String, Object> properties() {
		ComposeSentinel first = this.sentinels.get(0);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("redis.sentinel.enabled", "true");
		properties.put("redis.sentinels",
				this.sentinels.stream()
					.map((sentinel) -> sentinel.endpoint().toString())
					.collect(Collectors.joining(",")));
		putIfStated(properties, "redis.master-name", first.masterName());
		putIfStated(properties, "redis.password", first.password());
		putIfStated(properties, "redis.sentinel.password", first.sentinelPassword());
		return properties;
	}

	private static void putIfStated(Map<String, Object> properties, String name, @Nullable String value) {
		if (value != null) {
			properties.put(name, value);
		}
	}

	/**
	 * Describe the topology for the log; never includes a secret.
	 * @return the description
	 */
	String describe() {
		String masterName = this.sentinels.get(0).masterName();
		return "sentinels " + this.sentinels + ((masterName != null) ? ", master name '" + masterName + "'" : "");
	}

}
