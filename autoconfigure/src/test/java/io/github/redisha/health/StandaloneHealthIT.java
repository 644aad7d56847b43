package io.github.redisha.health;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.DirectRedis;
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

/**
 * The health indicator in standalone mode: {@code PING} and {@code ROLE} of the
 * configured node, against a real Redis that is frozen, killed or demoted.
 */
@RedisStandalone(password = "standalone-health-secret")
class StandaloneHealthIT {

	private ApplicationContextRunner runner(StandaloneRedis redis, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
							RedisHaHealthAutoConfiguration.class, DataRedisHealthContributorAutoConfiguration.class))
			.withInitializer(RedisServiceConnections.initializer(redis))
			.withPropertyValues("redis.health.cache-time-to-live=0", "redis.health.timeout=900ms")
			.withPropertyValues(properties);
	}

	@AfterEach
	void restore(StandaloneRedis redis) {
		if (redis.node().isFrozen()) {
			redis.node().thaw();
		}
		if (!redis.node().isRunning()) {
			redis.node().start();
		}
		DirectRedis.call(redis.node(), redis.password(), (commands) -> commands.replicaofNoOne());
	}

	@Test
	void upWhenTheNodeIsAMaster(StandaloneRedis redis) {
		runner(redis).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "standalone").doesNotContainKey("warnings");
			assertThat(SentinelHealthIT.map(health.getDetails(), "node"))
				.containsEntry("address", redis.node().address())
				.containsEntry("role", "master");
			assertThat(health.getDetails().toString()).doesNotContain("standalone-health-secret");
		});
	}

	@Test
	void degradedWhenTheNodeIsAReadOnlyReplica(StandaloneRedis redis) {
		runner(redis, "redis.health.degraded-status=DEGRADED").run((context) -> {
			int nowhere = DirectRedis.unusedPort();
			DirectRedis.call(redis.node(), redis.password(), (commands) -> commands.replicaof("127.0.0.1", nowhere));
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(new Status("DEGRADED"));
			assertThat(SentinelHealthIT.map(health.getDetails(), "node")).containsEntry("role", "replica");
			assertThat(SentinelHealthIT.warnings(health)).containsExactly(
					redis.node().address() + " is a read-only replica: reads work, writes fail with READONLY");
		});
	}

	@Test
	void downWithinTheTimeoutWhenTheNodeIsFrozen(StandaloneRedis redis) {
		runner(redis, "redis.health.timeout=300ms").run((context) -> {
			redis.node().freeze();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(SentinelHealthIT.map(health.getDetails(), "node")).containsEntry("error",
					"no answer within 300ms");
		});
	}

	@Test
	void downWhenTheNodeIsGone(StandaloneRedis redis) {
		runner(redis).run((context) -> {
			redis.node().kill();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("error"))
				.startsWith("Redis at " + redis.node().address() + " does not answer: Connection refused");
		});
	}

	@Test
	void reusesAResultForTheConfiguredTime(StandaloneRedis redis) {
		runner(redis, "redis.health.cache-time-to-live=1h").run((context) -> {
			Health first = health(context);
			redis.node().freeze();
			assertThat(health(context)).as("no new check while the result is fresh").isSameAs(first);
		});
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean("redisHealthContributor", HealthIndicator.class).health();
	}

}
