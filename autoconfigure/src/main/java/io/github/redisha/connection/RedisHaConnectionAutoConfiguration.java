package io.github.redisha.connection;

import io.github.redisha.credentials.RedisHaCredentials;
import io.github.redisha.internal.NameResolution;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.RedisStaticMasterReplicaConfiguration;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.util.StringUtils;

/**
 * Contributes Spring Boot's {@link DataRedisConnectionDetails} from {@code redis.*} /
 * {@code REDIS_*} settings, standalone or Sentinel, so that Boot's own
 * {@code DataRedisAutoConfiguration} builds the Lettuce connection factory. Backs off
 * when the application defines its own {@link DataRedisConnectionDetails} (for example
 * through Testcontainers' {@code @ServiceConnection}), its own
 * {@code RedisConnectionFactory} or {@code Redis*Configuration} bean, or sets
 * {@code redis.enabled=false}.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisOperations.class, RedisClient.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ RedisHaProperties.class, DataRedisProperties.class })
public final class RedisHaConnectionAutoConfiguration {

	private static final Log logger = LogFactory.getLog(RedisHaConnectionAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean({ DataRedisConnectionDetails.class, RedisConnectionFactory.class,
			RedisStandaloneConfiguration.class, RedisSentinelConfiguration.class, RedisClusterConfiguration.class,
			RedisStaticMasterReplicaConfiguration.class })
	RedisHaConnectionDetails redisConnectionDetails(RedisHaProperties properties, DataRedisProperties dataRedis,
			ObjectProvider<SslBundles> sslBundles, Environment environment) {
		IgnoredEndpointSettings.check(Binder.get(environment));
		RedisHaConnectionDetails details = RedisHaConnectionDetails.of(properties,
				sslBundle(properties, dataRedis, sslBundles));
		String url = properties.getUrl();
		String source = StringUtils.hasText(url) ? "from REDIS_URL " + RedisUrl.mask(url.trim()) + ": " : "";
		logger.info("redis-ha: " + source + details.describe());
		return details;
	}

	@Bean
	@ConditionalOnBean(RedisHaConnectionDetails.class)
	RedisHaCredentials redisHaCredentials(RedisHaConnectionDetails details) {
		return details.credentials();
	}

	@Bean
	@ConditionalOnBean(RedisHaConnectionDetails.class)
	@ConditionalOnBooleanProperty(name = "redis.startup-check.enabled", matchIfMissing = true)
	RedisStartupCheck redisStartupCheck(RedisHaConnectionDetails details, RedisHaProperties properties,
			ObjectProvider<ClientResources> clientResources) {
		return new RedisStartupCheck(details, clientResources.getIfAvailable(),
				properties.getStartupCheck().getTimeout());
	}

	/**
	 * Host names resolved again on every connect (hosts file re-read when it changed, DNS
	 * answers kept at most a second), so a node back under its name on a new IP is
	 * followed; redis-ha's own connections resolve the same way.
	 * @return the customizer of Boot's client resources
	 */
	@Bean
	ClientResourcesBuilderCustomizer redisHaNameResolutionCustomizer() {
		return (builder) -> builder.addressResolverGroup(NameResolution.addressResolverGroup());
	}

	/**
	 * The one TLS decision for every connection redis-ha makes and for Boot's own
	 * factory, which uses TLS exactly when the connection details carry a bundle: the
	 * named bundle, else the JVM's trust store when {@code REDIS_SSL} or Boot's own
	 * {@code spring.data.redis.ssl.enabled} asks for TLS.
	 * @param properties the redis-ha properties
	 * @param dataRedis the {@code spring.data.redis} properties
	 * @param sslBundles the SSL bundles of the application
	 * @return the bundle, or {@code null} without TLS
	 */
	private static @Nullable SslBundle sslBundle(RedisHaProperties properties, DataRedisProperties dataRedis,
			ObjectProvider<SslBundles> sslBundles) {
		String bundle = dataRedis.getSsl().getBundle();
		SslBundles bundles = sslBundles.getIfAvailable();
		if (StringUtils.hasText(bundle) && bundles != null) {
			return bundles.getBundle(bundle);
		}
		return (properties.isSsl() || dataRedis.getSsl().isEnabled()) ? SslBundle.systemDefault() : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SecretMaskingConfiguration {

		@Bean
		SanitizingFunction redisHaSecretSanitizer() {
			// Boot shows values as-is once show-values=always; our secrets stay masked
			// even then
			return (data) -> {
				String key = data.getKey().toLowerCase().replace('_', '.');
				if (key.equals("redis.url") && data.getValue() instanceof String url) {
					return data.withValue(RedisUrl.mask(url));
				}
				return (key.startsWith("redis") && key.contains("password")) ? data.withSanitizedValue() : data;
			};
		}

	}

}
