package io.github.redisha.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Sentinel-aware health indicator against a real 1 master + 2 replicas + 3 sentinels
 * topology with data and sentinel passwords. Sentinels consider a node down after 2 s
 * here, which leaves a check made right after freezing the master ample time to see the
 * frozen master still reported by the sentinels. Checks get 900 ms (the default is 500
 * ms): still within the 1 s bound, with room for a machine busy running other topologies.
 */
@RedisSentinelTopology(password = "health-data-secret", sentinelPassword = "health-sentinel-secret",
		downAfterMillis = 2000)
class SentinelHealthIT {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final Pattern REJECTED = Pattern
		.compile("unreachable: (WRONGPASS invalid username-password pair|Connection closed prematurely).*");

	private ApplicationContextRunner runner(SentinelTopology topology, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaHealthAutoConfiguration.class,
					DataRedisHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
			.withInitializer(RedisServiceConnections.initializer(topology))
			.withPropertyValues("management.endpoint.health.show-details=always", "redis.health.cache-time-to-live=0",
					"redis.health.timeout=900ms")
			.withPropertyValues(properties);
	}

	@AfterEach
	void restore(SentinelTopology topology) {
		topology.restore(PATIENCE);
	}

	@Test
	void reportsTheVerifiedMasterReplicasSentinelsAndQuorumWithoutSecrets(SentinelTopology topology) {
		runner(topology).run((context) -> {
			IndicatedHealthDescriptor redis = (IndicatedHealthDescriptor) context.getBean(HealthEndpoint.class)
				.healthForPath("redis");
			assertThat(redis.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> details = redis.getDetails();
			assertThat(details).containsEntry("mode", "sentinel")
				.containsEntry("masterName", "mymaster")
				.containsKey("checkedAt")
				.doesNotContainKeys("warnings", "error", "lastFailover");
			assertThat(map(details, "master")).containsEntry("address", topology.master().address())
				.containsEntry("role", "master")
				.containsEntry("reportedBy", "sentinels");
			assertThat(map(details, "replicas")).containsEntry("known", 2).containsEntry("healthy", 2);
			assertThat(map(map(details, "replicas"), "nodes"))
				.containsOnlyKeys(topology.replicas().stream().map(RedisNode::address).toArray(String[]::new));
			assertThat(map(details, "sentinels")).containsEntry("configured", 3).containsEntry("reachable", 3);
			assertThat(map(details, "quorum")).containsEntry("status", "ok");
			assertThat((String) map(details, "quorum").get("answer")).startsWith("OK 3 usable Sentinels");
			assertThat(details.toString()).doesNotContain("health-data-secret")
				.doesNotContain("health-sentinel-secret");
		});
	}

	@Test
	void rejectedCredentialsAreReportedWithoutAnySecret(SentinelTopology topology) {
		runner(topology, "redis.startup-check.enabled=false", "redis.sentinel.password=wrong-sentinel-secret-1")
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				// Lettuce occasionally reports a rejected handshake as the connection
				// closing
				assertThat(map(map(health.getDetails(), "sentinels"), "nodes"))
					.allSatisfy((address, state) -> assertThat((String) state).matches(REJECTED.pattern()));
				assertThat(health.getDetails().toString()).doesNotContain("wrong-sentinel-secret-1")
					.doesNotContain("health-sentinel-secret")
					.doesNotContain("health-data-secret");
			});
		runner(topology, "redis.startup-check.enabled=false", "redis.password=wrong-data-secret-2").run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat("unreachable: " + map(health.getDetails(), "master").get("error")).matches(REJECTED.pattern());
			assertThat(health.getDetails().toString()).doesNotContain("wrong-data-secret-2")
				.doesNotContain("health-sentinel-secret")
				.doesNotContain("health-data-secret");
		});
	}

	@Test
	void takesTheLastFailoverFromTheFailoverHistory(SentinelTopology topology) {
		RedisEndpoint master = new RedisEndpoint(topology.master().host(), topology.master().port());
		RedisEndpoint before = new RedisEndpoint(topology.replicas().get(0).host(), topology.replicas().get(0).port());
		MasterSwitch lastSwitch = new MasterSwitch("mymaster", before, master, Instant.parse("2026-01-02T03:04:05Z"));
		runner(topology).withBean(FailoverHistory.class, () -> new FailoverHistory() {

			@Override
			public Optional<MasterSwitch> lastSwitch() {
				return Optional.of(lastSwitch);
			}

			@Override
			public Optional<RedisEndpoint> currentMaster() {
				return Optional.of(master);
			}

		}).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("warnings");
			assertThat(map(health.getDetails(), "lastFailover")).containsEntry("from", before.toString())
				.containsEntry("to", master.toString())
				.containsEntry("at", "2026-01-02T03:04:05Z")
				.containsEntry("detectedBy", "failover-listener");
		});
	}

	@Test
	void downWhileTheMasterIsGoneThenUpWithTheNewMaster(SentinelTopology topology) {
		runner(topology).run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			RedisNode oldMaster = topology.master();
			oldMaster.kill();
			Health down = await().atMost(PATIENCE)
				.until(() -> health(context), (health) -> Status.DOWN.equals(health.getStatus()));
			assertThat((String) down.getDetails().get("error"))
				.startsWith("no writable master: " + oldMaster.address());

			RedisNode newMaster = topology.awaitFailover(oldMaster, PATIENCE);
			Health up = await().atMost(PATIENCE)
				.until(() -> health(context), (health) -> Status.UP.equals(health.getStatus()));
			assertThat(map(up.getDetails(), "master")).containsEntry("address", newMaster.address())
				.containsEntry("role", "master");
			assertThat(map(up.getDetails(), "lastFailover")).containsEntry("from", oldMaster.address())
				.containsEntry("to", newMaster.address())
				.containsEntry("detectedBy", "health-check");
			// the sentinels list the old master as a replica of the new one, down, once
			// they have reconfigured
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(warnings(health(context))).as("the old master is still down")
					.anySatisfy((warning) -> assertThat(warning)
						.startsWith("replica " + oldMaster.address() + " is down")));
		});
	}

	@Test
	void reportsQuorumLostWithTwoOfThreeSentinelsStopped(SentinelTopology topology) {
		runner(topology).run((context) -> {
			topology.sentinels().get(1).stop();
			topology.sentinels().get(2).stop();
			Health health = await().atMost(PATIENCE)
				.until(() -> health(context),
						(candidate) -> "lost".equals(map(candidate.getDetails(), "quorum").get("status")));
			assertThat(health.getStatus()).as("still serving").isEqualTo(Status.UP);
			assertThat(map(health.getDetails(), "sentinels")).containsEntry("configured", 3)
				.containsEntry("reachable", 1);
			assertThat((String) map(health.getDetails(), "quorum").get("answer")).startsWith("NOQUORUM");
			assertThat(warnings(health)).anySatisfy((warning) -> assertThat(warning).startsWith("quorum lost"))
				.anySatisfy((warning) -> assertThat(warning)
					.startsWith("sentinel " + topology.sentinels().get(1).address() + " is unreachable"));
		});
	}

	@Test
	void frozenSentinelIsReportedWithinTheTimeout(SentinelTopology topology) {
		runner(topology, "redis.health.degraded-status=degraded")
			.withPropertyValues("management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown")
			.run((context) -> {
				RedisNode frozen = topology.sentinels().get(0);
				frozen.freeze();
				long start = System.nanoTime();
				Health health = health(context);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(map(map(health.getDetails(), "sentinels"), "nodes")).containsEntry(frozen.address(),
						"unreachable: no answer within 900ms");
				assertThat(map(health.getDetails(), "master")).containsEntry("role", "master");
				assertThat(health.getStatus()).isEqualTo(new Status("DEGRADED"));
				assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).as("listed in the status order")
					.isEqualTo(new Status("DEGRADED"));
				// the node's "no answer" comes from the 900 ms deadline; the generous
				// bound
				// only rules out waiting on the frozen node's own timeouts
				assertThat(took).isLessThan(Duration.ofSeconds(5));
			});
	}

	@Test
	void frozenMasterIsReportedDownWithinTheTimeout(SentinelTopology topology) {
		runner(topology).run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			RedisNode master = topology.master();
			master.freeze();
			Health health;
			try {
				health = health(context);
			}
			finally {
				master.thaw();
			}
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(map(health.getDetails(), "master")).containsEntry("address", master.address())
				.containsEntry("error", "no answer within 900ms");
			assertThat(map(health.getDetails(), "sentinels")).containsEntry("reachable", 3);
		});
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean("redisHealthContributor", HealthIndicator.class).health();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> details, String key) {
		assertThat(details).containsKey(key);
		return (Map<String, Object>) details.get(key);
	}

	@SuppressWarnings("unchecked")
	static List<String> warnings(Health health) {
		assertThat(health.getDetails()).containsKey("warnings");
		return (List<String>) health.getDetails().get("warnings");
	}

}
