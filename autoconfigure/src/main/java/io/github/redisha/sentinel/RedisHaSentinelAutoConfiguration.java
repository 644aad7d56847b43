package io.github.redisha.sentinel;

import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.failover.internal.SentinelChannels;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Sentinel failover: a {@link FailoverMonitor} listens to the sentinels, verifies new
 * masters with {@code ROLE}, moves the client's channels through the failover client side
 * and provides {@link FailoverHistory}. Needs Sentinel mode and the failover client side
 * ({@code redis.failover.enabled}, on by default).
 *
 * @author redis-ha
 * @since 0.2.0
 */
@AutoConfiguration(after = RedisHaFailoverAutoConfiguration.class)
@ConditionalOnClass(RedisClient.class)
@ConditionalOnBean(value = RedisFailoverProperties.class, name = "redisHaSentinelChannels")
@Conditional(OnSentinelModeCondition.class)
public final class RedisHaSentinelAutoConfiguration {

	@Bean
	FailoverMonitor redisHaFailoverMonitor(ObjectProvider<DataRedisConnectionDetails> details,
			RedisFailoverProperties properties, @Qualifier("redisHaSentinelChannels") SentinelChannels channels) {
		return new FailoverMonitor(details.getObject(), properties, channels);
	}

}
