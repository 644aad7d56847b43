package io.github.redisha.connection;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Hands {@code REDIS_CLUSTER_MAX_REDIRECTS} ({@code redis.cluster.max-redirects}) to
 * Spring Boot as {@code spring.data.redis.cluster.max-redirects} in cluster mode. Boot
 * reads the redirect limit from its properties, never from the connection details, and
 * only builds Lettuce's cluster client options (with its topology refresh settings) when
 * {@code spring.data.redis.cluster.*} is set. Added last, so a
 * {@code spring.data.redis.cluster.max-redirects} the application sets itself wins. A
 * value that is not a number of 0 or more is left to {@link RedisClusterProperties} to
 * reject with a clear message.
 *
 * @author redis-ha
 */
class ClusterRedirectsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "redisHaClusterRedirects";

	static final String BOOT_PROPERTY = "spring.data.redis.cluster.max-redirects";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("redis.enabled", Boolean.class, true)
				|| !"true".equalsIgnoreCase(environment.getProperty(RedisClusterProperties.ENABLED.property(), ""))) {
			return;
		}
		String value = environment.getProperty(RedisClusterProperties.MAX_REDIRECTS.property(),
				String.valueOf(new RedisClusterProperties().getMaxRedirects()));
		if (!value.trim().matches("\\d{1,9}")) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(BOOT_PROPERTY, value.trim())));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
