package io.github.redisha.docker.compose;

import java.util.List;
import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.lifecycle.DockerComposeServicesReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the {@code redis.*} settings of a Sentinel topology or a Redis Cluster found among
 * the running Docker Compose services to the environment, ahead of every other property
 * source. redis-ha then builds its connection details, startup check, failover engine and
 * health from them exactly as from {@code REDIS_*} variables, and the compose topology
 * wins over {@code REDIS_*} the way Boot's own service connections win over
 * {@code spring.data.redis.*}. The event comes before the context is refreshed, so every
 * condition and binding sees these settings.
 *
 * @author redis-ha
 */
final class ComposeTopologyContributor {

	static final String PROPERTY_SOURCE_NAME = "redisHaDockerCompose";

	private static final Log logger = LogFactory.getLog(ComposeTopologyContributor.class);

	private ComposeTopologyContributor() {
	}

	static void contribute(ApplicationEvent event) {
		DockerComposeServicesReadyEvent ready = (DockerComposeServicesReadyEvent) event;
		if (ready.getSource().getEnvironment() instanceof ConfigurableEnvironment environment) {
			contribute(environment, ready.getRunningServices());
		}
	}

	static void contribute(ConfigurableEnvironment environment, List<RunningService> services) {
		if (!environment.getProperty("redis.enabled", Boolean.class, true)) {
			return;
		}
		ComposeSentinelTopology sentinels = ComposeSentinelTopology.of(services);
		ComposeClusterTopology cluster = ComposeClusterTopology.of(services);
		if (sentinels != null && cluster != null) {
			throw new RedisHaConfigurationException(
					"Docker Compose runs both a Sentinel topology (" + sentinels.describe() + ") and a Redis Cluster ("
							+ cluster.describe() + "); redis-ha connects to one of them.",
					"Start only one of them (e.g. with compose profiles: spring.docker.compose.profiles.active), or "
							+ "label the services of the other " + ComposeServices.IGNORE_LABEL + ": \"true\".");
		}
		if (sentinels != null) {
			logger.info("redis-ha: using the Sentinel topology of Docker Compose: " + sentinels.describe());
			add(environment, sentinels.properties());
		}
		else if (cluster != null) {
			logger.info("redis-ha: using the Redis Cluster of Docker Compose: " + cluster.describe());
			add(environment, cluster.properties());
		}
	}

	private static void add(ConfigurableEnvironment environment, Map<String, Object> properties) {
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

}
