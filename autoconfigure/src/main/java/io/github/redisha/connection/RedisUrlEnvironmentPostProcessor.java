package io.github.redisha.connection;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Expands {@code REDIS_URL} ({@code redis.url}) into the individual {@code redis.*}
 * settings, so that every part of redis-ha (and its conditions, which read the
 * environment) sees one consistent configuration. Runs after config data, so a
 * {@code redis.url} in {@code application.properties} counts too. The expanded settings
 * take precedence; {@link RedisUrlSettings} has already rejected any individual setting
 * that contradicts them.
 *
 * @author redis-ha
 */
class RedisUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "redisHaUrl";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("redis.url");
		if (!StringUtils.hasText(url) || !environment.getProperty("redis.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> settings = RedisUrlSettings.resolve(url, Binder.get(environment));
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, settings));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
