package io.github.redisha.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.health.RedisHaHealthAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.TlsFiles;
import io.github.redisha.testsupport.DirectRedis;
import io.github.redisha.testsupport.SslBundleEnvironment;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sentinel mode over TLS, as production setups with {@code tls-port} and
 * {@code tls-replication yes} run it: the Sentinels hand out TLS addresses, the
 * application trusts a self-signed certificate through a Spring Boot SSL bundle, all set
 * by environment variables. The connection, the starter's own Sentinel and node
 * connections (startup check, failover monitor, health) and a failover all work over TLS.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsSentinelIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String PASSWORD = "tls-data-secret";

	private static final String SENTINEL_PASSWORD = "tls-sentinel-secret";

	@TempDir
	static Path certificates;

	private static SentinelTopology topology;

	private static TlsFiles files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaHealthAutoConfiguration.class));

	@BeforeAll
	static void startTopologyWithTls() {
		files = TlsFiles.createSelfSigned(certificates);
		topology = RedisTopologies.sentinel().password(PASSWORD).sentinelPassword(SENTINEL_PASSWORD).tls(files).start();
	}

	@AfterAll
	static void stopTopology() {
		if (topology != null) {
			topology.close();
		}
	}

	private ApplicationContextRunner app() {
		Map<String, String> env = SystemEnvironment.with(
				SystemEnvironment.with(topology.environment(), "REDIS_HEALTH_CACHE_TIME_TO_LIVE", "0"),
				SslBundleEnvironment.trusting(files));
		return this.contextRunner.withInitializer(SystemEnvironment.of(env));
	}

	@Test
	void sentinelsHandOutTlsAddressesAndTheAppWritesOverTls(CapturedOutput output) {
		assertThat(topology.environment()).containsEntry("REDIS_SSL", "true");
		RedisNode master = topology.master();
		app().run((context) -> {
			assertThat(context).hasNotFailed();
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:tls-sentinel", "over-tls");
			assertThat(template.opsForValue().get("it:tls-sentinel")).isEqualTo("over-tls");
			// read back on the master's plaintext port: the write reached the master
			assertThat(DirectRedis.get(master, PASSWORD, "it:tls-sentinel")).isEqualTo("over-tls");

			Map<String, Object> details = health(context).getDetails();
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			assertThat(details).extractingByKey("master")
				.asString()
				.contains("address=127.0.0.1:" + master.tlsPort().getAsInt())
				.contains("role=master");
			assertThat(details).extractingByKey("replicas").asString().contains("healthy=2");
			assertThat(details).extractingByKey("sentinels").asString().contains("reachable=3");
		});
		assertThat(output).doesNotContain(PASSWORD).doesNotContain(SENTINEL_PASSWORD);
	}

	@Test
	void followsAFailoverOverTls() {
		app().run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:tls-failover", "before");
			RedisNode oldMaster = topology.master();
			oldMaster.kill();
			try {
				RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
				await("a write over TLS to reach the new master").atMost(TIMEOUT)
					.pollInterval(Duration.ofMillis(100))
					.ignoreExceptions()
					.until(() -> {
						template.opsForValue().set("it:tls-failover", "after");
						return "after".equals(DirectRedis.get(newMaster, PASSWORD, "it:tls-failover"));
					});
				await("health to report the new master's TLS address").atMost(TIMEOUT)
					.pollInterval(Duration.ofMillis(100))
					.until(() -> String.valueOf(health(context).getDetails().get("master"))
						.contains("address=127.0.0.1:" + newMaster.tlsPort().getAsInt()));
			}
			finally {
				oldMaster.start();
				topology.awaitHealthy(TIMEOUT);
			}
		});
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean("redisHealthContributor", HealthIndicator.class).health();
	}

}
