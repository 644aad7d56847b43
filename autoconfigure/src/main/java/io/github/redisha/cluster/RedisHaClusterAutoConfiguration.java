package io.github.redisha.cluster;

import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.failover.internal.ClusterChannels;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redis Cluster failover: a {@link ClusterFailoverMonitor} follows the primaries of the
 * cluster that Boot's {@link DataRedisConnectionDetails} name (whoever provides them) and
 * moves the client to a promoted replica at once, with the same fencing and connect
 * routing as Sentinel mode; Lettuce's cluster options get adaptive and periodic slot map
 * reloads and leave failing nodes out. Needs {@code redis.cluster.enabled=true} and the
 * failover client side ({@code redis.failover.enabled}, on by default).
 *
 * @author redis-ha
 * @since 0.2.0
 */
@AutoConfiguration(after = { RedisHaFailoverAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass({ RedisClusterClient.class, LettuceConnectionFactory.class })
@ConditionalOnBooleanProperty("redis.cluster.enabled")
@ConditionalOnBean(value = { RedisFailoverProperties.class, DataRedisConnectionDetails.class },
		name = "redisHaClusterChannels")
public final class RedisHaClusterAutoConfiguration {

	@Bean
	ClusterFailoverMonitor redisHaClusterFailoverMonitor(DataRedisConnectionDetails details,
			RedisFailoverProperties properties, @Qualifier("redisHaClusterChannels") ClusterChannels channels,
			ObjectProvider<LettuceConnectionFactory> connectionFactory, ObjectProvider<ClientResources> resources) {
		return new ClusterFailoverMonitor(details, properties, channels, () -> nativeClient(connectionFactory),
				resources::getIfAvailable);
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer redisHaClusterClientOptionsCustomizer() {
		return new ClusterClientOptionsCustomizer();
	}

	private static @Nullable AbstractRedisClient nativeClient(
			ObjectProvider<LettuceConnectionFactory> connectionFactory) {
		LettuceConnectionFactory factory = connectionFactory.getIfAvailable();
		return (factory != null) ? factory.getNativeClient() : null;
	}

}
