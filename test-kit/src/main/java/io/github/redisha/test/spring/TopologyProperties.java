package io.github.redisha.test.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.SentinelService;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * A topology's settings as {@code redis.*} properties, and where they go in an
 * environment.
 *
 * @author redis-ha
 */
final class TopologyProperties {

	static final String PROPERTY_SOURCE_NAME = "redisServiceConnection";

	/**
	 * The topology types a service connection takes, for error messages.
	 */
	static final String SUPPORTED_TYPES = "a SentinelTopology, a StandaloneRedis or a ClusterTopology";

	/**
	 * The variables of {@code environment()} and the properties they bind to in the
	 * starter.
	 */
	private static final Map<String, String> PROPERTY_OF_VARIABLE = Map.ofEntries(
			Map.entry("REDIS_SENTINEL_ENABLED", "redis.sentinel.enabled"),
			Map.entry("REDIS_SENTINELS", "redis.sentinels"), Map.entry("REDIS_MASTER_NAME", "redis.master-name"),
			Map.entry("REDIS_PASSWORD", "redis.password"),
			Map.entry("REDIS_SENTINEL_PASSWORD", "redis.sentinel.password"), Map.entry("REDIS_HOST", "redis.host"),
			Map.entry("REDIS_PORT", "redis.port"), Map.entry("REDIS_SSL", "redis.ssl"),
			Map.entry("REDIS_CLUSTER_ENABLED", "redis.cluster.enabled"),
			Map.entry("REDIS_CLUSTER_NODES", "redis.cluster.nodes"), Map.entry("REDIS_NODE_ZONES", "redis.node-zones"));

	private TopologyProperties() {
	}

	/**
	 * The {@code redis.*} properties of a topology.
	 * @param topology a {@link SentinelTopology}, {@link StandaloneRedis} or
	 * {@link ClusterTopology}
	 * @return the properties, in the order of the topology's environment
	 */
	static Map<String, Object> of(Object topology) {
		return ofVariables(variables(topology));
	}

	/**
	 * The {@code redis.*} properties the starter binds the environment variables of a
	 * topology to.
	 * @param variables a topology's {@code environment()}
	 * @return the properties, in the order of the variables
	 */
	static Map<String, Object> ofVariables(Map<String, String> variables) {
		Map<String, Object> properties = new LinkedHashMap<>();
		variables.forEach((variable, value) -> {
			String property = PROPERTY_OF_VARIABLE.get(variable);
			if (property == null) {
				throw new IllegalStateException("No redis.* property known for the topology variable " + variable);
			}
			properties.put(property, value);
		});
		return properties;
	}

	private static Map<String, String> variables(Object topology) {
		if (topology instanceof SentinelTopology sentinel) {
			return sentinel.environment();
		}
		if (topology instanceof SentinelService service) {
			return service.environment();
		}
		if (topology instanceof StandaloneRedis standalone) {
			return standalone.environment();
		}
		if (topology instanceof ClusterTopology cluster) {
			return cluster.environment();
		}
		throw new IllegalArgumentException("@RedisServiceConnection needs " + SUPPORTED_TYPES + ", not "
				+ ((topology != null) ? topology.getClass().getName() : "null"));
	}

	/**
	 * Adds the properties of a topology to an environment, right above the system
	 * properties and environment variables: a developer's own {@code REDIS_*} variables
	 * or {@code application.properties} cannot redirect the application elsewhere, while
	 * properties a test sets explicitly still win. Then lets the starter's environment
	 * post-processors see them.
	 * @param environment the environment of the application context
	 * @param topology a {@link SentinelTopology}, {@link StandaloneRedis} or
	 * {@link ClusterTopology}
	 */
	static void addTo(ConfigurableEnvironment environment, Object topology) {
		addTo(environment, topology, false);
	}

	/**
	 * As {@link #addTo(ConfigurableEnvironment, Object)}, optionally with the Sentinels
	 * given through their Service address only.
	 * @param environment the environment of the application context
	 * @param topology the topology
	 * @param sentinelsViaService whether {@code redis.sentinels} is the Service address
	 */
	static void addTo(ConfigurableEnvironment environment, Object topology, boolean sentinelsViaService) {
		Object connected = topology;
		if (sentinelsViaService) {
			if (!(topology instanceof SentinelTopology sentinel)) {
				throw new IllegalStateException("@RedisServiceConnection(sentinelsViaService = true) needs a "
						+ "SentinelTopology, not " + ((topology != null) ? topology.getClass().getName() : "null"));
			}
			connected = sentinel.service();
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, of(connected));
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
		}
		else if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addLast(source);
		}
		StarterEnvironmentPostProcessors.applyTo(environment);
	}

}
