package io.github.redisha.metrics;

import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Failover meters through Micrometer, when it is on the classpath: Sentinel events by
 * type, master switches, failover duration, client recovery time and reconnect attempts,
 * tagged with the connection mode; in Sentinel mode also reachable and known sentinels;
 * in cluster mode also slot map reloads by cause and redirects by type. Spring Boot binds
 * the {@link MeterBinder} to its meter registries.
 *
 * @author redis-ha
 */
@AutoConfiguration(after = RedisHaFailoverAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(RedisFailoverProperties.class)
public final class RedisHaMetricsAutoConfiguration {

	@Bean
	FailoverMeters redisHaFailoverMetrics(Environment environment,
			ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
		return new FailoverMeters(mode(environment, connectionDetails.getIfAvailable()));
	}

	private static String mode(Environment environment, @Nullable DataRedisConnectionDetails details) {
		if (environment.getProperty("redis.cluster.enabled", Boolean.class, false)
				|| (details != null && details.getCluster() != null)) {
			return "cluster";
		}
		return (details != null && details.getSentinel() != null) ? FailoverMeters.SENTINEL_MODE : "standalone";
	}

}
