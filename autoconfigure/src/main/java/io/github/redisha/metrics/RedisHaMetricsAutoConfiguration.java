package io.github.redisha.metrics;

import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.internal.RedisMode;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Failover meters through Micrometer, when it is on the classpath: Sentinel events by
 * type, master switches, failover duration, client recovery time and reconnect attempts,
 * tagged with the connection mode; in Sentinel mode also reachable and known sentinels;
 * in cluster mode also slot map reloads by cause and redirects by type. Spring Boot binds
 * the {@link MeterBinder} to its meter registries.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@AutoConfiguration(after = RedisHaFailoverAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(RedisFailoverProperties.class)
public final class RedisHaMetricsAutoConfiguration {

	@Bean
	FailoverMeters redisHaFailoverMetrics(ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
		return new FailoverMeters(RedisMode.of(connectionDetails.getIfAvailable()));
	}

}
