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
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
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
