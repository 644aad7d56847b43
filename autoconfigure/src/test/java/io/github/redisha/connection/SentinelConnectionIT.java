package io.github.redisha.connection;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.DirectRedis;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Sentinel mode against a real 1 master + 2 replicas + 3 sentinels topology with separate
 * data and sentinel passwords: wired through the test kit's service connection, and
 * misconfigured through environment variables to check what a deployer is told.
 */
@RedisSentinelTopology(password = "topology-data-secret", sentinelPassword = "topology-sentinel-secret")
@ExtendWith(OutputCaptureExtension.class)
class SentinelConnectionIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Test
	void writesToTheMasterAndReadsBack(SentinelTopology topology, CapturedOutput output) {
		assertThat(topology.password()).isNotEqualTo(topology.sentinelPassword());
		this.contextRunner.withInitializer(RedisServiceConnections.initializer(topology)).run((context) -> {
			assertThat(context.getBean(LettuceConnectionFactory.class).getSentinelConfiguration()).isNotNull();
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:sentinel", "written-through-sentinels");
			assertThat(template.opsForValue().get("it:sentinel")).isEqualTo("written-through-sentinels");
			assertThat(DirectRedis.get(topology.master(), topology.password(), "it:sentinel"))
				.isEqualTo("written-through-sentinels");
		});
		assertThat(output).contains("redis-ha: Sentinel mode, master name 'mymaster', sentinels ["
				+ topology.sentinelAddresses().replace(",", ", ") + "]");
		assertThat(output).doesNotContain("topology-data-secret").doesNotContain("topology-sentinel-secret");
	}

	@Test
	void startsWhenSomeSentinelsAreUnreachable(SentinelTopology topology, CapturedOutput output) {
		String dead = "127.0.0.1:" + DirectRedis.unusedPort();
		this.contextRunner.withInitializer(RedisServiceConnections.initializer(topology))
			.withPropertyValues("redis.sentinels=" + dead + "," + topology.sentinelAddresses())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(StringRedisTemplate.class).opsForValue().set("it:partial", "ok");
			});
		assertThat(output).contains("1 of 4 sentinels are not usable").contains(dead);
	}

	@Test
	void unknownMasterNameNamesTheMasterAndTheSentinelsAsked(SentinelTopology topology) {
		Map<String, String> env = SystemEnvironment.with(topology.environment(), "REDIS_MASTER_NAME", "orders");
		FailureAnalysis analysis = analyzeStartupFailure(env);
		assertThat(analysis.getDescription()).isEqualTo("The sentinels " + sentinelList(topology)
				+ " do not monitor a master named 'orders' (REDIS_MASTER_NAME / redis.master-name). "
				+ "They monitor: mymaster.");
		assertThat(analysis.getAction()).contains("Set REDIS_MASTER_NAME");
	}

	@Test
	void wrongSentinelPasswordIsReportedWithoutEchoingIt(SentinelTopology topology, CapturedOutput output) {
		Map<String, String> env = SystemEnvironment.with(topology.environment(), "REDIS_SENTINEL_PASSWORD",
				"wrong-sentinel-password-456");
		FailureAnalysis analysis = analyzeStartupFailure(env);
		assertThat(analysis.getDescription()).startsWith("The sentinels " + sentinelList(topology)
				+ " rejected the sentinel credentials (REDIS_SENTINEL_PASSWORD / redis.sentinel.password)");
		assertThat(analysis.getAction()).contains("REDIS_SENTINEL_PASSWORD").contains("separate from REDIS_PASSWORD");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("wrong-sentinel-password-456");
		assertThat(output).doesNotContain("wrong-sentinel-password-456").doesNotContain("topology-sentinel-secret");
	}

	@Test
	void missingSentinelPasswordSaysWhichVariableToSet(SentinelTopology topology) {
		Map<String, String> env = SystemEnvironment.with(topology.environment(), "REDIS_SENTINEL_PASSWORD", null);
		assertThat(analyzeStartupFailure(env).getDescription()).startsWith("The sentinels " + sentinelList(topology)
				+ " rejected the connection: they require a password but REDIS_SENTINEL_PASSWORD is not set");
	}

	@Test
	void wrongDataPasswordIsReportedWithoutEchoingIt(SentinelTopology topology, CapturedOutput output) {
		Map<String, String> env = SystemEnvironment.with(topology.environment(), "REDIS_PASSWORD",
				"wrong-data-password-789");
		FailureAnalysis analysis = analyzeStartupFailure(env);
		assertThat(analysis.getDescription()).startsWith("Redis at " + topology.master().address()
				+ " rejected the data credentials (REDIS_PASSWORD / redis.password): WRONGPASS");
		assertThat(output).doesNotContain("wrong-data-password-789").doesNotContain("topology-data-secret");
	}

	@Test
	void everySentinelUnreachableListsThemAll() {
		String first = "127.0.0.1:" + DirectRedis.unusedPort();
		String second = "127.0.0.1:" + DirectRedis.unusedPort();
		FailureAnalysis analysis = analyzeStartupFailure(
				Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS", first + "," + second));
		assertThat(analysis.getDescription())
			.startsWith("None of the sentinels in REDIS_SENTINELS (redis.sentinels) could be reached: " + first + " (")
			.contains(", " + second + " (");
		assertThat(analysis.getAction()).contains("Check that REDIS_SENTINELS lists the sentinels");
	}

	@Test
	void springApplicationPrintsTheFailureAnalysis(SentinelTopology topology, CapturedOutput output) {
		Map<String, String> env = SystemEnvironment.with(topology.environment(), "REDIS_MASTER_NAME", "billing");
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
				.initializers(SystemEnvironment.of(env))
				.run()
				.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("do not monitor a master named 'billing'")
			.contains("Set REDIS_MASTER_NAME to the name used in the sentinels' 'sentinel monitor");
	}

	private static String sentinelList(SentinelTopology topology) {
		return Arrays.stream(topology.sentinelAddresses().split(",")).collect(Collectors.joining(", "));
	}

	private FailureAnalysis analyzeStartupFailure(Map<String, String> env) {
		return StartupFailures.analyze(this.contextRunner.withInitializer(SystemEnvironment.of(env)));
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class })
	static class EmptyApplication {

	}

}
