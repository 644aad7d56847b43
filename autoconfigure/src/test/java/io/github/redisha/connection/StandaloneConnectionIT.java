package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.DirectRedis;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standalone mode against a real redis-server: wired through the test kit's service
 * connection, and misconfigured through environment variables to check what a deployer is
 * told.
 */
@RedisStandalone(password = "standalone-data-secret")
@ExtendWith(OutputCaptureExtension.class)
class StandaloneConnectionIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Test
	void writesAndReadsThroughStringRedisTemplate(StandaloneRedis redis) {
		this.contextRunner.withInitializer(RedisServiceConnections.initializer(redis)).run((context) -> {
			assertThat(context).hasSingleBean(RedisStartupCheck.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:standalone", "written-by-app");
			assertThat(template.opsForValue().get("it:standalone")).isEqualTo("written-by-app");
			assertThat(DirectRedis.get(redis.node(), redis.password(), "it:standalone")).isEqualTo("written-by-app");
		});
	}

	@Test
	void kubernetesServiceLinkPortConnects(StandaloneRedis redis) {
		Map<String, String> env = SystemEnvironment.with(redis.environment(), "REDIS_HOST", null, "REDIS_PORT",
				"tcp://127.0.0.1:" + redis.node().port());
		this.contextRunner.withInitializer(SystemEnvironment.of(env)).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:service-link", "ok");
			assertThat(DirectRedis.get(redis.node(), redis.password(), "it:service-link")).isEqualTo("ok");
		});
	}

	@Test
	void wrongPasswordFailsStartupWithoutEchoingIt(StandaloneRedis redis, CapturedOutput output) {
		Map<String, String> env = SystemEnvironment.with(redis.environment(), "REDIS_PASSWORD",
				"wrong-standalone-password-123");
		FailureAnalysis analysis = analyzeStartupFailure(env);
		assertThat(analysis.getDescription())
			.startsWith("Redis at " + redis.node().address()
					+ " rejected the data credentials (REDIS_PASSWORD / redis.password): WRONGPASS")
			.doesNotContain("wrong-standalone-password-123");
		assertThat(analysis.getAction()).contains("Set REDIS_PASSWORD");
		assertThat(output).doesNotContain("wrong-standalone-password-123").doesNotContain("standalone-data-secret");
	}

	@Test
	void missingPasswordSaysWhichVariableToSet(StandaloneRedis redis) {
		Map<String, String> env = SystemEnvironment.with(redis.environment(), "REDIS_PASSWORD", null);
		assertThat(analyzeStartupFailure(env).getDescription()).startsWith("Redis at " + redis.node().address()
				+ " rejected the connection: it requires a password but REDIS_PASSWORD is not set");
	}

	@Test
	void unreachableRedisFailsStartupNamingTheEndpoint() {
		int port = DirectRedis.unusedPort();
		FailureAnalysis analysis = analyzeStartupFailure(
				Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", String.valueOf(port)));
		assertThat(analysis.getDescription())
			.startsWith("Redis at 127.0.0.1:" + port + " (REDIS_HOST/REDIS_PORT) could not be reached: ");
		assertThat(analysis.getAction()).contains("REDIS_STARTUP_CHECK_ENABLED=false");
	}

	@Test
	void startupCheckCanBeSwitchedOff() {
		int port = DirectRedis.unusedPort();
		this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", String.valueOf(port),
					"REDIS_STARTUP_CHECK_ENABLED", "false")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(RedisStartupCheck.class);
			});
	}

	private FailureAnalysis analyzeStartupFailure(Map<String, String> env) {
		return StartupFailures.analyze(this.contextRunner.withInitializer(SystemEnvironment.of(env)));
	}

}
