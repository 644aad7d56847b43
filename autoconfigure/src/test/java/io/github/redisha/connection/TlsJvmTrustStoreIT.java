package io.github.redisha.connection;

import java.nio.file.Path;
import java.util.Map;

import io.github.redisha.health.RedisHaHealthAutoConfiguration;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.test.TlsFiles;
import io.github.redisha.testsupport.DirectRedis;
import io.github.redisha.testsupport.JvmTrustStore;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS switched on without an SSL bundle, the server's CA installed in the JVM's trust
 * store, against a TLS-only redis-server: by redis-ha's {@code REDIS_SSL=true} and by
 * Boot's own {@code spring.data.redis.ssl.enabled=true}, which a user migrating from
 * plain Boot keeps. Both must reach the node over TLS from the application's connection,
 * the startup check and the health probe alike: one TLS decision for all of them.
 */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class TlsJvmTrustStoreIT {

	private static final String PASSWORD = "tls-jvm-data-secret";

	@TempDir
	static Path directory;

	private static StandaloneRedis redis;

	private static JvmTrustStore trustStore;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaHealthAutoConfiguration.class));

	@BeforeAll
	static void startTlsOnlyRedis() throws Exception {
		TlsFiles files = TlsFiles.createSelfSigned(directory);
		redis = RedisTopologies.standalone().password(PASSWORD).tls(files).start();
		trustStore = JvmTrustStore.trusting(files, directory);
	}

	@AfterAll
	static void stopRedis() {
		if (trustStore != null) {
			trustStore.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "REDIS_SSL", "SPRING_DATA_REDIS_SSL_ENABLED" })
	void tlsSwitchOnReachesTheNodeOverTlsEverywhere(String tlsSwitch) {
		Map<String, String> env = Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT",
				String.valueOf(redis.node().tlsPort().getAsInt()), "REDIS_PASSWORD", PASSWORD, tlsSwitch, "true");
		this.contextRunner.withInitializer(SystemEnvironment.of(env)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RedisStartupCheck.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:tls-jvm", tlsSwitch);
			assertThat(template.opsForValue().get("it:tls-jvm")).isEqualTo(tlsSwitch);
			assertThat(DirectRedis.get(redis.node(), PASSWORD, "it:tls-jvm")).isEqualTo(tlsSwitch);
			Health health = context.getBean("redisHealthContributor", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
		});
	}

}
