package io.github.redisha.connection;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad settings fail startup with a failure analysis that names the setting and what to
 * do.
 */
class RedisHaConfigurationFailureTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void sentinelModeWithoutSentinels() {
		FailureAnalysis analysis = analyze("redis.sentinel.enabled=true");
		assertThat(analysis.getDescription())
			.isEqualTo("REDIS_SENTINEL_ENABLED is true but REDIS_SENTINELS (redis.sentinels) is empty.");
		assertThat(analysis.getAction()).contains("REDIS_SENTINELS=sentinel-0:26379")
			.contains("REDIS_SENTINEL_ENABLED=false");
	}

	@Test
	void sentinelEntryWithoutPort() {
		assertThat(analyze("redis.sentinel.enabled=true", "redis.sentinels=s1:26379,foo").getDescription())
			.isEqualTo("REDIS_SENTINELS (redis.sentinels) has an invalid entry 'foo': it has no port.");
	}

	@Test
	void sentinelEntryWithNonNumericPort() {
		assertThat(analyze("redis.sentinel.enabled=true", "redis.sentinels=host:notaport").getDescription())
			.isEqualTo("REDIS_SENTINELS (redis.sentinels) has an invalid entry 'host:notaport': "
					+ "port 'notaport' is not a number.");
	}

	@Test
	void sentinelEntryWithPortOutOfRange() {
		FailureAnalysis analysis = analyze("redis.sentinel.enabled=true", "redis.sentinels=host:70000");
		assertThat(analysis.getDescription()).isEqualTo(
				"REDIS_SENTINELS (redis.sentinels) has an invalid entry 'host:70000': port 70000 is outside 1-65535.");
		assertThat(analysis.getAction()).contains("host:port").contains("[::1]:26379");
	}

	@Test
	void unbracketedIpv6Sentinel() {
		assertThat(analyze("redis.sentinel.enabled=true", "redis.sentinels=::1:26379").getDescription())
			.isEqualTo("REDIS_SENTINELS (redis.sentinels) has an invalid entry '::1:26379': "
					+ "it looks like an IPv6 address without brackets; write it as [address]:port.");
	}

	@Test
	void malformedStandalonePort() {
		FailureAnalysis analysis = analyze("redis.port=abc");
		assertThat(analysis.getDescription())
			.isEqualTo("REDIS_PORT (redis.port) is 'abc' but must be a port number (1-65535).");
		assertThat(analysis.getAction()).startsWith("Set REDIS_PORT to the port Redis listens on")
			.doesNotContain("separated by commas");
	}

	@Test
	void standalonePortOutOfRange() {
		assertThat(analyze("redis.port=70000").getDescription())
			.isEqualTo("REDIS_PORT (redis.port) is '70000' but must be a port number (1-65535).");
	}

	@Test
	void malformedServiceLink() {
		FailureAnalysis analysis = analyze("redis.port=tcp://");
		assertThat(analysis.getDescription()).contains("REDIS_PORT (redis.port) is 'tcp://'");
		assertThat(analysis.getAction()).isEqualTo("Set REDIS_PORT to the Redis port, e.g. 6379.");
	}

	@Test
	void emptyMasterName() {
		assertThat(analyze("redis.sentinel.enabled=true", "redis.sentinels=s1:26379", "redis.master-name= ")
			.getDescription())
			.isEqualTo("REDIS_MASTER_NAME (redis.master-name) is '' but must name the master the sentinels monitor.");
	}

	@Test
	void negativeDatabase() {
		assertThat(analyze("redis.database=-1").getDescription())
			.isEqualTo("REDIS_DATABASE (redis.database) is -1 but must be 0 or more.");
	}

	private FailureAnalysis analyze(String... properties) {
		return StartupFailures.analyze(this.contextRunner.withPropertyValues(properties));
	}

}
