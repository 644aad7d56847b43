package io.github.redisha.routing;

import io.github.redisha.connection.RedisHaProperties;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.internal.NodeReachability;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Read routing from {@code REDIS_READ_FROM}: Spring Boot's Lettuce client then reads
 * through a Master/Replica connection (writes, {@code MULTI}/{@code EXEC} and Pub/Sub
 * stay on the master), and, with redis-ha's failover support on, skips replicas known to
 * be down.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@AutoConfiguration(after = { RedisHaFailoverAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass({ RedisClient.class, LettuceClientConfigurationBuilderCustomizer.class })
@ConditionalOnProperty(name = "redis.read-from")
@EnableConfigurationProperties(RedisHaProperties.class)
public final class RedisHaRoutingAutoConfiguration {

	@Bean
	LettuceClientConfigurationBuilderCustomizer redisHaReadFromCustomizer(RedisHaProperties properties,
			@Qualifier("redisHaClientChannels") ObjectProvider<NodeReachability> reachability) {
		String setting = properties.getReadFrom();
		ReadFrom parsed = ReadFromSetting.parse((setting != null) ? setting : "upstream");
		NodeReachability nodes = reachability.getIfAvailable();
		ReadFrom readFrom = (nodes != null) ? new ReachabilityAwareReadFrom(parsed, nodes) : parsed;
		return (builder) -> builder.readFrom(readFrom);
	}

}
