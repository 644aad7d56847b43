package io.github.redisha.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.redisha.connection.ClusterEnvironment;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator in cluster mode against a real 3×1 Redis Cluster: state, slot
 * counts and shards, a killed primary (DOWN until a replica takes over its slots, UP
 * after) and a frozen one (reported as not answering within the timeout).
 */
@RedisClusterTopology(password = "cluster-health-secret", nodeTimeoutMillis = 3000)
class ClusterHealthIT {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private ApplicationContextRunner runner(ClusterTopology cluster) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
							RedisHaHealthAutoConfiguration.class, DataRedisHealthContributorAutoConfiguration.class))
			.withInitializer(ClusterEnvironment.of(cluster.environment()))
			.withPropertyValues("redis.health.cache-time-to-live=0", "redis.health.timeout=1s");
	}

	@AfterEach
	void restore(ClusterTopology cluster) {
		cluster.restore(PATIENCE);
	}

	@Test
	void upWithEveryShardItsPrimaryAndReplica(ClusterTopology cluster) {
		runner(cluster).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "cluster")
				.containsEntry("state", "ok")
				.doesNotContainKey("warnings");
			assertThat(SentinelHealthIT.map(health.getDetails(), "slots")).containsEntry("assigned", 16384L)
				.containsEntry("ok", 16384L)
				.containsEntry("pfail", 0L)
				.containsEntry("fail", 0L);
			List<Map<String, Object>> shards = shards(health);
			assertThat(shards).extracting((shard) -> shard.get("slots"))
				.containsExactlyInAnyOrder("0-5460", "5461-10921", "10922-16383");
			for (Map<String, Object> shard : shards) {
				RedisNode primary = cluster.primaryFor(firstSlot(shard));
				assertThat(SentinelHealthIT.map(shard, "primary")).containsEntry("address", primary.address())
					.containsEntry("status", "ok");
				assertThat(shard.get("replicas")).isEqualTo(
						List.of(Map.of("address", cluster.replicasOf(primary).get(0).address(), "status", "ok")));
			}
			assertThat(health.getDetails().toString()).doesNotContain(cluster.password());
		});
	}

	@Test
	void downWhileAKilledPrimaryHasNoSuccessorThenUpOnceAReplicaTookOver(ClusterTopology cluster) {
		runner(cluster).run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			RedisNode oldPrimary = cluster.primaryFor(0);
			oldPrimary.kill();
			Health down = health(context);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) down.getDetails().get("error"))
				.contains("slots 0-5460 have no reachable primary: " + oldPrimary.address() + " is not answering");
			RedisNode newPrimary = cluster.awaitFailover(oldPrimary, PATIENCE);
			await().atMost(PATIENCE).untilAsserted(() -> {
				Health up = health(context);
				assertThat(up.getStatus()).isEqualTo(Status.UP);
				Map<String, Object> shard = shards(up).stream()
					.filter((each) -> "0-5460".equals(each.get("slots")))
					.findFirst()
					.orElseThrow();
				assertThat(SentinelHealthIT.map(shard, "primary")).containsEntry("address", newPrimary.address());
				assertThat(SentinelHealthIT.warnings(up))
					.contains("slots 0-5460 have no replica: the cluster " + "cannot fail them over");
			});
		});
	}

	@Test
	void aFrozenPrimaryIsReportedAsNotAnsweringWithinTheTimeout(ClusterTopology cluster) {
		runner(cluster).run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			RedisNode frozen = cluster.primaryFor(5461);
			frozen.freeze();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			Map<String, Object> shard = shards(health).stream()
				.filter((each) -> "5461-10921".equals(each.get("slots")))
				.findFirst()
				.orElseThrow();
			Map<String, Object> primary = SentinelHealthIT.map(shard, "primary");
			assertThat(primary).containsEntry("address", frozen.address()).containsEntry("status", "not answering");
			// the deadline, or the connect timeout of the same length when it fires first
			assertThat((String) primary.get("error"))
				.matches("no answer within 1000ms|Connection initialization timed out after 1000 millisecond\\(s\\)");
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> shards(Health health) {
		assertThat(health.getDetails()).containsKey("shards");
		return (List<Map<String, Object>>) health.getDetails().get("shards");
	}

	private static int firstSlot(Map<String, Object> shard) {
		String slots = (String) shard.get("slots");
		return Integer.parseInt(slots.split("[-,]")[0]);
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean("redisHealthContributor", HealthIndicator.class).health();
	}

}
