package io.github.redisha.routing;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiPredicate;

import io.github.redisha.connection.RedisHaProperties;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.NodeReachability;
import io.github.redisha.internal.Setting;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

/**
 * Read routing from {@code REDIS_READ_FROM}: Spring Boot's Lettuce client then reads
 * through a Master/Replica connection (writes, {@code MULTI}/{@code EXEC} and Pub/Sub
 * stay on the master), and, with redis-ha's failover support on, skips replicas known to
 * be down. {@code zone-affinity} orders the replicas by the application's zone.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@AutoConfiguration(after = { RedisHaFailoverAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass({ RedisClient.class, LettuceClientConfigurationBuilderCustomizer.class })
@ConditionalOnProperty(name = "redis.read-from")
@EnableConfigurationProperties(RedisHaProperties.class)
@Import(RedisHaRoutingAutoConfiguration.ZoneAffinityConfiguration.class)
public final class RedisHaRoutingAutoConfiguration {

	static final Setting CLIENT_ZONE = Setting.of("redis.client-zone");

	@Bean
	LettuceClientConfigurationBuilderCustomizer redisHaReadFromCustomizer(RedisHaProperties properties,
			@Qualifier("redisHaClientChannels") ObjectProvider<NodeReachability> reachability,
			ObjectProvider<NodeZones> zones, ObjectProvider<ZoneReadCounts> counts,
			ObjectProvider<FailoverHistory> history) {
		String setting = (properties.getReadFrom() != null) ? properties.getReadFrom() : "upstream";
		NodeReachability nodes = reachability.getIfAvailable();
		ReadFrom readFrom;
		if (ReadFromSetting.isZoneAffinity(setting)) {
			String clientZone = properties.getClientZone();
			if (!StringUtils.hasText(clientZone)) {
				throw CLIENT_ZONE.reject(clientZone,
						"must name the application's availability zone when " + ReadFromSetting.SETTING.variable()
								+ " is zone-affinity",
						"Set " + CLIENT_ZONE.variable() + " to the zone the application runs in, e.g. eu-west-1a "
								+ "(on Kubernetes: the node's topology.kubernetes.io/zone label, see docs/kubernetes.md), "
								+ "or set " + ReadFromSetting.SETTING.variable() + " to another value.");
			}
			ReadFrom candidates = (nodes != null) ? new ReachabilityAwareReadFrom(ReadFrom.ANY, nodes) : ReadFrom.ANY;
			readFrom = new ZoneAffinityReadFrom(candidates, clientZone.trim(), zones.getObject(),
					verifiedMaster(history.getIfAvailable()), counts.getObject());
		}
		else {
			ReadFrom parsed = ReadFromSetting.parse(setting);
			readFrom = (nodes != null) ? new ReachabilityAwareReadFrom(parsed, nodes) : parsed;
		}
		return (builder) -> builder.readFrom(readFrom);
	}

	private static BiPredicate<String, Integer> verifiedMaster(FailoverHistory history) {
		if (history == null) {
			return (host, port) -> false;
		}
		return (host, port) -> history.currentMaster()
			.map((master) -> master.port() == port && master.host().equalsIgnoreCase(host))
			.orElse(false);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnZoneAffinityCondition.class)
	static class ZoneAffinityConfiguration {

		@Bean
		ZoneReadCounts redisHaZoneReadCounts() {
			return new ZoneReadCounts();
		}

		@Bean
		ServerZoneLookup redisHaZoneLookup(DataRedisConnectionDetails details,
				ObjectProvider<ClientResources> resources, ObjectProvider<RedisFailoverProperties> failover) {
			RedisFailoverProperties timeouts = failover.getIfAvailable(RedisFailoverProperties::new);
			return new ServerZoneLookup(
					NodeClient.borrowing(resources.getIfAvailable(), details, timeouts.getProbeTimeout()));
		}

		@Bean
		NodeZones redisHaNodeZones(RedisHaProperties properties, ServerZoneLookup lookup,
				ObjectProvider<ClientResources> resources) {
			ClientResources application = resources.getIfAvailable();
			// Lettuce's computation threads, never its I/O threads
			Executor executor = (application != null) ? application.eventExecutorGroup() : ForkJoinPool.commonPool();
			return new NodeZones(properties.nodeZoneMap(), lookup, executor);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class ZoneMetersConfiguration {

			@Bean
			ZoneReadMeters redisHaZoneReadMeters(ZoneReadCounts counts) {
				return new ZoneReadMeters(counts);
			}

		}

	}

}
