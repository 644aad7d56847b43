package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.testsupport.DirectRedis;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code REDIS_DATABASE} against what a real server has: an index beyond the server's
 * {@code databases} (16 by default) stops the start naming the variable, instead of
 * starting and then failing every command with "Unable to connect to Redis".
 */
class DatabaseIndexIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Nested
	@RedisStandalone(password = "database-it-secret")
	class Standalone {

		@Test
		void databaseBeyondTheServersStopsTheStartNamingTheVariable(StandaloneRedis redis) {
			FailureAnalysis analysis = StartupFailures.analyze(DatabaseIndexIT.this.contextRunner.withInitializer(
					SystemEnvironment.of(SystemEnvironment.with(redis.environment(), "REDIS_DATABASE", "99"))));
			assertThat(analysis.getDescription()).startsWith("REDIS_DATABASE (redis.database) is 99 but Redis at "
					+ redis.node().address() + " has 16 databases (0 to 15): ERR DB index is out of range");
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("database-it-secret");
			assertThat(analysis.getAction()).startsWith("Set REDIS_DATABASE to an index the server has");
		}

		@Test
		void lastDatabaseOfTheServerIsUsed(StandaloneRedis redis) {
			DatabaseIndexIT.this.contextRunner
				.withInitializer(
						SystemEnvironment.of(SystemEnvironment.with(redis.environment(), "REDIS_DATABASE", "15")))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					template.opsForValue().set("it:db15", "in-15");
					assertThat(template.opsForValue().get("it:db15")).isEqualTo("in-15");
					assertThat(DirectRedis.get(redis.node(), redis.password(), "it:db15")).as("database 0").isNull();
				});
		}

	}

	@Nested
	@RedisSentinelTopology(replicas = 1, sentinels = 1, quorum = 1)
	class Sentinel {

		@Test
		void databaseBeyondTheMastersStopsTheStartNamingTheVariable(SentinelTopology topology) {
			Map<String, String> env = SystemEnvironment.with(topology.environment(), "REDIS_DATABASE", "16");
			FailureAnalysis analysis = StartupFailures
				.analyze(DatabaseIndexIT.this.contextRunner.withInitializer(SystemEnvironment.of(env)));
			assertThat(analysis.getDescription()).startsWith("REDIS_DATABASE (redis.database) is 16 but Redis at "
					+ topology.master().address() + " has 16 databases (0 to 15)");
		}

	}

}
