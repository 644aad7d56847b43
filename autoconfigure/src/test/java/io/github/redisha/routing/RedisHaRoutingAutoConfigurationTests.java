package io.github.redisha.routing;

import java.util.List;
import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.internal.NodeReachability;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.testsupport.SystemEnvironment;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisURI;
import io.lettuce.core.models.role.RedisInstance;
import io.lettuce.core.models.role.RedisNodeDescription;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RedisHaRoutingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void readsFromTheMasterByDefault() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getReadFrom())
			.isEmpty());
	}

	@Test
	void readFromBindsFromTheEnvironmentAndSkipsUnreachableNodes() {
		this.contextRunner.withInitializer(SystemEnvironment.of(Map.of("REDIS_READ_FROM", "replica_preferred")))
			.run((context) -> {
				ReadFrom readFrom = context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getReadFrom()
					.orElseThrow();
				assertThat(readFrom).isInstanceOf(ReachabilityAwareReadFrom.class);
				assertThat(((ReachabilityAwareReadFrom) readFrom).delegate()).isSameAs(ReadFrom.REPLICA_PREFERRED);
			});
	}

	@Test
	void readFromWithoutFailoverSupportIsLettucesOwn() {
		this.contextRunner.withPropertyValues("redis.read-from=lowest-latency", "redis.failover.enabled=false")
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getReadFrom())
				.contains(ReadFrom.LOWEST_LATENCY));
	}

	@Test
	void invalidReadFromFailsWithTheAcceptedValues() {
		this.contextRunner.withInitializer(SystemEnvironment.of(Map.of("REDIS_READ_FROM", "replicas-first")))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(RedisHaConfigurationException.class)
				.hasMessageContaining("REDIS_READ_FROM (redis.read-from) is 'replicas-first'"));
	}

	@Test
	void zoneAffinityOrdersByTheClientZoneAndCountsInAMeter() {
		this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_READ_FROM", "zone-affinity", "REDIS_CLIENT_ZONE",
					"eu-1b", "REDIS_NODE_ZONES", "10.0.0.2:6379=eu-1a, 10.0.0.3:6379=eu-1b")))
			.run((context) -> {
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(ZoneReadMeters.class).bindTo(registry);
				ReadFrom readFrom = context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getReadFrom()
					.orElseThrow();
				assertThat(readFrom).isInstanceOf(ZoneAffinityReadFrom.class);
				RedisNodeDescription inZone = node("10.0.0.3", RedisInstance.Role.REPLICA);
				RedisNodeDescription elsewhere = node("10.0.0.2", RedisInstance.Role.REPLICA);
				RedisNodeDescription master = node("10.0.0.1", RedisInstance.Role.UPSTREAM);
				assertThat(readFrom.select(nodes(master, elsewhere, inZone))).containsExactly(inZone, elsewhere,
						master);
				assertThat(registry.get("redis.read.zone").tag("match", "same").functionCounter().count()).isOne();
				assertThat(registry.get("redis.read.zone").tag("match", "other").functionCounter().count()).isZero();
			});
	}

	@Test
	void noZoneMeterWithoutZoneAffinity() {
		this.contextRunner.withPropertyValues("redis.read-from=replica-preferred", "redis.client-zone=eu-1a")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ZoneReadMeters.class)
				.doesNotHaveBean(NodeZones.class));
	}

	@Test
	void zoneAffinityWorksWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.withPropertyValues("redis.read-from=zone-affinity", "redis.client-zone=eu-1a")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ZoneReadMeters.class);
				assertThat(context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getReadFrom())
					.containsInstanceOf(ZoneAffinityReadFrom.class);
			});
	}

	@Test
	void zoneAffinityWithoutAClientZoneFailsNamingTheVariable() {
		this.contextRunner.withInitializer(SystemEnvironment.of(Map.of("REDIS_READ_FROM", "ZONE_AFFINITY")))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(RedisHaConfigurationException.class)
				.hasMessageContaining("REDIS_CLIENT_ZONE (redis.client-zone) is null but must name the application's "
						+ "availability zone when REDIS_READ_FROM is zone-affinity"));
	}

	@Test
	void malformedNodeZonesFailNamingTheVariableAndTheEntry() {
		for (String entry : List.of("10.0.0.2=eu-1a", "10.0.0.2:6379", "10.0.0.2:6379=", "10.0.0.2:x=eu-1a")) {
			this.contextRunner
				.withInitializer(SystemEnvironment.of(Map.of("REDIS_READ_FROM", "zone-affinity", "REDIS_CLIENT_ZONE",
						"eu-1a", "REDIS_NODE_ZONES", "10.0.0.3:6379=eu-1b," + entry)))
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(RedisHaConfigurationException.class)
					.hasMessageContaining("REDIS_NODE_ZONES (redis.node-zones) has an invalid entry '10.0.0.2"));
		}
	}

	@Test
	void parsesEveryDocumentedName() {
		assertThat(ReadFromSetting.parse("upstream")).isSameAs(ReadFrom.UPSTREAM);
		assertThat(ReadFromSetting.parse("master")).isSameAs(ReadFrom.UPSTREAM);
		assertThat(ReadFromSetting.parse("UPSTREAM_PREFERRED")).isSameAs(ReadFrom.UPSTREAM_PREFERRED);
		assertThat(ReadFromSetting.parse("replica")).isSameAs(ReadFrom.REPLICA);
		assertThat(ReadFromSetting.parse("replicaPreferred")).isSameAs(ReadFrom.REPLICA_PREFERRED);
		assertThat(ReadFromSetting.parse("any")).isSameAs(ReadFrom.ANY);
		assertThat(ReadFromSetting.parse("any-replica")).isSameAs(ReadFrom.ANY_REPLICA);
		assertThat(ReadFromSetting.parse("lowest-latency")).isSameAs(ReadFrom.LOWEST_LATENCY);
	}

	@Test
	void subnetAndRegexSettingsSelectTheNodesTheyName() {
		RedisNodeDescription inSubnet = node("10.1.2.3", RedisInstance.Role.REPLICA);
		RedisNodeDescription outside = node("192.168.0.3", RedisInstance.Role.REPLICA);
		assertThat(ReadFromSetting.parse("subnet:10.0.0.0/8").select(nodes(inSubnet, outside)))
			.containsExactly(inSubnet);
		RedisNodeDescription named = node("redis-replica-1", RedisInstance.Role.REPLICA);
		RedisNodeDescription other = node("redis-master", RedisInstance.Role.UPSTREAM);
		assertThat(ReadFromSetting.parse("regex:.*replica.*").select(nodes(named, other))).containsExactly(named);
	}

	private static ReadFrom.Nodes nodes(RedisNodeDescription... known) {
		return new ReadFrom.Nodes() {

			@Override
			public List<RedisNodeDescription> getNodes() {
				return List.of(known);
			}

			@Override
			public java.util.Iterator<RedisNodeDescription> iterator() {
				return getNodes().iterator();
			}

		};
	}

	@Test
	void unreachableNodesAreLeftOutUnlessNothingElseIsLeft() {
		RedisNodeDescription replicaA = node("10.0.0.2", RedisInstance.Role.REPLICA);
		RedisNodeDescription replicaB = node("10.0.0.3", RedisInstance.Role.REPLICA);
		RedisNodeDescription master = node("10.0.0.1", RedisInstance.Role.UPSTREAM);
		ReadFrom.Nodes nodes = nodes(master, replicaA, replicaB);
		NodeReachability aDown = reachability("10.0.0.2");
		assertThat(new ReachabilityAwareReadFrom(ReadFrom.REPLICA_PREFERRED, aDown).select(nodes))
			.containsExactly(replicaB, master);
		NodeReachability replicasDown = reachability("10.0.0.2", "10.0.0.3");
		assertThat(new ReachabilityAwareReadFrom(ReadFrom.REPLICA, replicasDown).select(nodes))
			.containsExactly(replicaA, replicaB);
	}

	private static NodeReachability reachability(String... down) {
		return new NodeReachability() {

			@Override
			public boolean isUnreachable(String host, int port) {
				return List.of(down).contains(host);
			}

			@Override
			public boolean anyUnreachable() {
				return down.length > 0;
			}

		};
	}

	private static RedisNodeDescription node(String host, RedisInstance.Role role) {
		RedisURI uri = RedisURI.create(host, 6379);
		return new RedisNodeDescription() {

			@Override
			public RedisURI getUri() {
				return uri;
			}

			@Override
			public RedisInstance.Role getRole() {
				return role;
			}

		};
	}

}
