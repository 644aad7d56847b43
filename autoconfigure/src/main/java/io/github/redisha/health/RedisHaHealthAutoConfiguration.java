package io.github.redisha.health;

import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.RedisMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Cluster;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Replaces Spring Boot's Redis health indicator (which runs {@code INFO} on the
 * application's connection, possibly answered by a replica) with
 * {@link SentinelAwareRedisHealthIndicator} (standalone and Sentinel) or
 * {@link ClusterHealthIndicator} (cluster), contributed under Boot's own bean name
 * {@code redisHealthContributor} so that Boot's servlet and reactive indicators back off
 * and the component is still called {@code redis}. In static master/replica mode Boot's
 * indicator is kept. Backs off when the application defines {@code redisHealthIndicator}
 * or {@code redisHealthContributor}, and with {@code redis.health.enabled=false} or
 * {@code management.health.redis.enabled=false}.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		before = { DataRedisHealthContributorAutoConfiguration.class,
				DataRedisReactiveHealthContributorAutoConfiguration.class })
@ConditionalOnClass({ RedisClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ DataRedisConnectionDetails.class, RedisConnectionFactory.class })
@ConditionalOnBooleanProperty(name = "redis.health.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisHaHealthProperties.class)
public final class RedisHaHealthAutoConfiguration {

	@Bean
	// on the method: its condition class is only loaded once the class-level checks
	// passed
	@ConditionalOnEnabledHealthIndicator("redis")
	@ConditionalOnMissingBean(name = { "redisHealthIndicator", "redisHealthContributor" })
	HealthContributor redisHealthContributor(DataRedisConnectionDetails connectionDetails,
			RedisHaHealthProperties properties, RedisConnectionFactory connectionFactory,
			ObjectProvider<ClientResources> clientResources, ObjectProvider<FailoverHistory> failoverHistory) {
		Status degradedStatus = new Status(properties.getDegradedStatus().trim().toUpperCase());
		RedisMode mode = RedisMode.of(connectionDetails);
		Cluster cluster = connectionDetails.getCluster();
		if (mode == RedisMode.CLUSTER && cluster != null) {
			ClusterHealthProbe probe = new ClusterHealthProbe(
					NodeClient.borrowing(clientResources.getIfAvailable(), connectionDetails, properties.getTimeout()));
			return new ClusterHealthIndicator(cluster, probe, new ClusterHealthReport(degradedStatus),
					properties.getCacheTimeToLive());
		}
		if (mode == RedisMode.STANDALONE
				&& (connectionDetails.getMasterReplica() != null || connectionDetails.getStandalone() == null)) {
			// static master/replica (Boot's order of precedence): nothing to add
			return new DataRedisHealthIndicator(connectionFactory);
		}
		RedisTopologyProbe probe = new RedisTopologyProbe(
				NodeClient.borrowing(clientResources.getIfAvailable(), connectionDetails, properties.getTimeout()));
		HealthReport report = new HealthReport(degradedStatus, properties.getMaxReplicaLag());
		return new SentinelAwareRedisHealthIndicator(connectionDetails, probe, report, failoverHistory,
				properties.getCacheTimeToLive());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ReplicaMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReplicaLagMeters redisReplicaLagMeters(
				@Qualifier("redisHealthContributor") ObjectProvider<HealthContributor> contributor) {
			// a provider: nested configurations are processed before the contributor bean
			// above exists
			return new ReplicaLagMeters(contributor);
		}

	}

}
