package io.github.redisha.connection;

import java.nio.file.Path;
import java.util.Map;

import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.test.TlsFiles;
import io.github.redisha.testsupport.DirectRedis;
import io.github.redisha.testsupport.SslBundleEnvironment;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code REDIS_URL} as the only connection setting of a real application, against real
 * servers started by the test kit.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisUrlIT {

	@Test
	void standaloneUrlWithPasswordAndDatabase(CapturedOutput output) {
		try (StandaloneRedis redis = RedisTopologies.standalone().password("url-data-secret").start()) {
			String url = "redis://:url-data-secret@127.0.0.1:" + redis.node().port() + "/3";
			try (ConfigurableApplicationContext context = run(Map.of("REDIS_URL", url))) {
				context.getBean(StringRedisTemplate.class).opsForValue().set("it:url", "in-database-3");
				assertThat(DirectRedis.<String>call(redis.node(), redis.password(), (commands) -> {
					commands.select(3);
					return commands.get("it:url");
				})).isEqualTo("in-database-3");
				assertThat(DirectRedis.get(redis.node(), redis.password(), "it:url")).as("database 0").isNull();
			}
			assertThat(output)
				.contains("redis-ha: from REDIS_URL redis://****@127.0.0.1:" + redis.node().port()
						+ "/3: standalone mode")
				.doesNotContain("url-data-secret");
		}
	}

	@Test
	void sentinelUrlWithDataPasswordAndSentinelPasswordAlongside(CapturedOutput output) {
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.masterName("url-master")
			.password("url-topology-secret")
			.sentinelPassword("url-sentinel-secret")
			.start()) {
			String url = "redis-sentinel://:url-topology-secret@" + topology.sentinelAddresses() + "/2#url-master";
			try (ConfigurableApplicationContext context = run(
					Map.of("REDIS_URL", url, "REDIS_SENTINEL_PASSWORD", "url-sentinel-secret"))) {
				// the failover monitor's condition reads the environment: it sees
				// Sentinel mode from the URL
				assertThat(context.getBeansOfType(FailoverHistory.class)).hasSize(1);
				context.getBean(StringRedisTemplate.class).opsForValue().set("it:sentinel-url", "through-sentinels");
				assertThat(DirectRedis.<String>call(topology.master(), topology.password(), (commands) -> {
					commands.select(2);
					return commands.get("it:sentinel-url");
				})).isEqualTo("through-sentinels");
			}
			assertThat(output).contains("redis-ha: from REDIS_URL redis-sentinel://****@")
				.contains("Sentinel mode, master name 'url-master'")
				.doesNotContain("url-topology-secret")
				.doesNotContain("url-sentinel-secret");
		}
	}

	@Test
	void redissUrlConnectsOverTls(@TempDir Path certificates) {
		TlsFiles files = TlsFiles.createSelfSigned(certificates);
		try (StandaloneRedis redis = RedisTopologies.standalone().password("url-tls-secret").tls(files).start()) {
			String url = "rediss://:url-tls-secret@127.0.0.1:" + redis.node().tlsPort().getAsInt();
			Map<String, String> env = SystemEnvironment.with(Map.of("REDIS_URL", url),
					SslBundleEnvironment.trusting(files));
			try (ConfigurableApplicationContext context = run(env)) {
				context.getBean(StringRedisTemplate.class).opsForValue().set("it:rediss", "over-tls");
				// the plaintext port of the same server sees the write made over its TLS
				// port
				assertThat(DirectRedis.get(redis.node(), redis.password(), "it:rediss")).isEqualTo("over-tls");
			}
		}
	}

	static ConfigurableApplicationContext run(Map<String, String> variables) {
		return new SpringApplicationBuilder(UrlApplication.class).web(WebApplicationType.NONE)
			.environment(SystemEnvironment.environment(variables))
			.run();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ SslAutoConfiguration.class, RedisHaConnectionAutoConfiguration.class,
			DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
			RedisHaSentinelAutoConfiguration.class })
	static class UrlApplication {

	}

}
