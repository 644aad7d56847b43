package io.github.redisha.failover;

import java.time.Duration;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.internal.ClusterChannels;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.failover.internal.JitteredReconnectDelay;
import io.github.redisha.failover.internal.SentinelChannels;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.IOUringProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps the Lettuce client of Spring Boot's {@code LettuceConnectionFactory} on the
 * master through failovers, without replacing any of Boot's beans: a
 * {@link FailoverNettyCustomizer} puts a {@link FailoverChannelHandler} into every
 * channel, the reconnect delay is jittered and capped, and sockets get TCP keepalive (and
 * {@code TCP_USER_TIMEOUT} on native transports). The engines' auto-configurations
 * (Sentinel, cluster) drive these channels through the seams registered here.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@AutoConfiguration(after = { RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
@ConditionalOnProperty(name = "spring.data.redis.client-type", havingValue = "lettuce", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.failover.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisFailoverProperties.class)
public final class RedisHaFailoverAutoConfiguration {

	private static final Log logger = LogFactory.getLog(RedisHaFailoverAutoConfiguration.class);

	// not default candidates: internals, for the starter's own beans only (asked for by
	// name), not for the application to inject
	@Bean(defaultCandidate = false)
	ClientChannels redisHaClientChannels(ObjectProvider<FailoverListener> listeners) {
		return new ClientChannels(new FailoverListeners(listeners));
	}

	@Bean(defaultCandidate = false)
	ClusterChannels redisHaClusterChannels(@Qualifier("redisHaClientChannels") ClientChannels channels) {
		return channels.clusterSide();
	}

	@Bean(defaultCandidate = false)
	SentinelChannels redisHaSentinelChannels(@Qualifier("redisHaClientChannels") ClientChannels channels) {
		return channels.sentinelSide();
	}

	@Bean
	ClientResourcesBuilderCustomizer redisHaClientResourcesCustomizer(
			@Qualifier("redisHaClientChannels") ClientChannels channels, RedisFailoverProperties properties) {
		Duration holdMax = properties.getReconnectHoldMax();
		WriteInterception interception = new WriteInterception(channels, properties.isReadOnlyRetry(), holdMax,
				properties.getReconnectDelayMin(), properties.getSafeWrite().getReplicas(),
				properties.getSafeWrite().getTimeout());
		return (builder) -> builder
			.reconnectDelay(new JitteredReconnectDelay(properties.getReconnectDelayMin(),
					properties.getReconnectDelayMax(), channels.listeners()))
			.nettyCustomizer(new FailoverNettyCustomizer(channels, interception, holdMax));
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer redisHaSocketOptionsCustomizer(RedisFailoverProperties properties) {
		return (builder) -> {
			// keep what Boot set (the connect timeout) and add to it
			SocketOptions.Builder socket = builder.build().getSocketOptions().mutate();
			Duration keepAlive = properties.getTcpKeepAlive();
			if (!keepAlive.isZero() && !keepAlive.isNegative()) {
				socket.keepAlive(true);
				if (ExtendedKeepAlive.isSupported()) {
					Duration interval = keepAlive.dividedBy(3).isZero() ? Duration.ofSeconds(1)
							: keepAlive.dividedBy(3);
					socket.keepAlive(SocketOptions.KeepAliveOptions.builder()
						.enable()
						.idle(keepAlive)
						.interval(interval)
						.count(3)
						.build());
				}
			}
			Duration userTimeout = properties.getTcpUserTimeout();
			if (!userTimeout.isZero() && !userTimeout.isNegative()) {
				if (EpollProvider.isAvailable() || IOUringProvider.isAvailable()) {
					socket.tcpUserTimeout(
							SocketOptions.TcpUserTimeoutOptions.builder().enable().tcpUserTimeout(userTimeout).build());
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("redis-ha: TCP_USER_TIMEOUT not applied: it needs Netty's native epoll "
							+ "or io_uring transport on the classpath");
				}
			}
			builder.socketOptions(socket.build());
		};
	}

}
