package io.github.redisha.connection;

import java.nio.file.Path;
import java.util.Map;

import io.github.redisha.health.RedisHaHealthAutoConfiguration;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;
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
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code REDIS_SSL=true} against a real redis-server that speaks TLS on its
 * {@code tls-port} (test kit), with a self-signed certificate trusted through a Spring
 * Boot SSL bundle, set by environment variables alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsConnectionIT {

	private static final String PASSWORD = "tls-data-secret";

	@TempDir
	static Path certificates;

	private static StandaloneRedis redis;

	private static int tlsPort;

	private static TlsFiles files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaHealthAutoConfiguration.class));

	@BeforeAll
	static void startRedisWithTls() {
		files = TlsFiles.createSelfSigned(certificates);
		redis = RedisTopologies.standalone().password(PASSWORD).tls(files).start();
		tlsPort = redis.node().tlsPort().getAsInt();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	private static Map<String, String> tlsEnvironment(String... overrides) {
		Map<String, String> env = SystemEnvironment.with(redis.environment(), SslBundleEnvironment.trusting(files));
		return SystemEnvironment.with(env, overrides);
	}

	@Test
	void writesAndReadsOverTlsWithTheCertificateTrustedThroughAnSslBundle() {
		this.contextRunner.withInitializer(SystemEnvironment.of(tlsEnvironment())).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RedisStartupCheck.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:tls", "over-tls");
			assertThat(template.opsForValue().get("it:tls")).isEqualTo("over-tls");
			// the plaintext port of the same server sees the write: it went to this
			// server, over its TLS port
			assertThat(DirectRedis.get(redis.node(), PASSWORD, "it:tls")).isEqualTo("over-tls");
			Health health = context.getBean("redisHealthContributor", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "standalone")
				.extractingByKey("node")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("role", "master");
		});
	}

	@Test
	void untrustedCertificateFailsStartupSayingHowToTrustIt(CapturedOutput output) {
		Map<String, String> env = tlsEnvironment("SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE", null,
				"SPRING_DATA_REDIS_SSL_BUNDLE", null);
		FailureAnalysis analysis = StartupFailures
			.analyze(this.contextRunner.withInitializer(SystemEnvironment.of(env)));
		assertThat(analysis.getDescription()).startsWith("Redis at 127.0.0.1:" + tlsPort + " (REDIS_HOST/REDIS_PORT)")
			.contains("certificate");
		assertThat(analysis.getAction()).contains("spring.data.redis.ssl.bundle");
		assertThat(output).doesNotContain(PASSWORD);
	}

	@Test
	void plaintextClientOnATlsPortFailsStartupSuggestingRedisSsl(CapturedOutput output) {
		Map<String, String> env = tlsEnvironment("REDIS_SSL", "false", "SPRING_DATA_REDIS_SSL_BUNDLE", null);
		FailureAnalysis analysis = StartupFailures
			.analyze(this.contextRunner.withInitializer(SystemEnvironment.of(env)));
		assertThat(analysis.getDescription()).startsWith("Redis at 127.0.0.1:" + tlsPort + " (REDIS_HOST/REDIS_PORT)");
		assertThat(analysis.getAction()).contains("REDIS_SSL=true");
		assertThat(output).doesNotContain(PASSWORD);
	}

}
