package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * What {@code REDIS_URL} stands for, and which individual variables may stand next to it.
 */
class RedisUrlSettingsTests {

	@Test
	void standaloneUrlSetsEndpointCredentialsDatabaseAndTls() {
		assertThat(resolve(Map.of("REDIS_URL", "rediss://app:pw@cache:6380/3"))).containsExactly(
				entry("redis.sentinel.enabled", false), entry("redis.ssl", true), entry("redis.host", "cache"),
				entry("redis.port", "6380"), entry("redis.database", 3), entry("redis.username", "app"),
				entry("redis.password", "pw"));
	}

	@Test
	void sentinelUrlSetsSentinelsAndMasterAndLeavesSentinelCredentialsToTheirVariables() {
		Map<String, Object> settings = resolve(Map.of("REDIS_URL", "redis-sentinel://:pw@s1,s2:26380#billing",
				"REDIS_SENTINEL_PASSWORD", "sentinel-pw"));
		assertThat(settings).containsEntry("redis.sentinel.enabled", true)
			.containsEntry("redis.sentinels", "s1:26379,s2:26380")
			.containsEntry("redis.master-name", "billing")
			.containsEntry("redis.password", "pw")
			.doesNotContainKeys("redis.sentinel.password", "redis.host", "redis.database");
	}

	@Test
	void individualVariablesFillWhatTheUrlLeavesOut() {
		assertThat(resolve(Map.of("REDIS_URL", "redis://cache:6379", "REDIS_PASSWORD", "kept-out-of-the-url",
				"REDIS_DATABASE", "4")))
			.doesNotContainKeys("redis.password", "redis.database");
	}

	@Test
	void individualVariablesThatAgreeAreAccepted() {
		assertThat(resolve(Map.of("REDIS_URL", "redis://:pw@Cache:6380/1", "REDIS_HOST", "cache", "REDIS_PORT", "6380",
				"REDIS_PASSWORD", "pw", "REDIS_DATABASE", "1", "REDIS_SENTINEL_ENABLED", "false")))
			.containsEntry("redis.host", "Cache");
	}

	@Test
	void conflictingHostIsAnError() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("REDIS_URL", "redis://:pw@cache:6379", "REDIS_HOST", "other")))
			.withMessage("REDIS_URL (redis.url) 'redis://****@cache:6379' sets host 'cache' "
					+ "but REDIS_HOST (redis.host) is 'other'.")
			.satisfies((ex) -> assertThat(ex.getAction())
				.startsWith("Configure the connection in one place: " + "remove REDIS_HOST"));
	}

	@Test
	void conflictingPasswordIsAnErrorThatShowsNeitherPassword() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("REDIS_URL", "redis://:url-secret@cache", "REDIS_PASSWORD", "env-secret")))
			.withMessage("REDIS_URL (redis.url) 'redis://****@cache' sets a password and REDIS_PASSWORD "
					+ "(redis.password) holds a different one.");
	}

	@Test
	void conflictingDatabaseTlsAndModeAreErrors() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("REDIS_URL", "redis://cache/1", "REDIS_DATABASE", "2")))
			.withMessageContaining("sets database '1' but REDIS_DATABASE (redis.database) is '2'");
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("REDIS_URL", "redis://cache", "REDIS_SSL", "true")))
			.withMessageContaining("sets ssl 'false' but REDIS_SSL (redis.ssl) is 'true'");
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("REDIS_URL", "redis://cache", "REDIS_SENTINELS", "s1:26379")))
			.withMessageContaining("is a single-node URL, which leaves no room for REDIS_SENTINELS");
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("REDIS_URL", "redis-sentinel://s1#m", "REDIS_MASTER_NAME", "other")))
			.withMessageContaining("sets master-name 'm' but REDIS_MASTER_NAME (redis.master-name) is 'other'");
	}

	@Test
	void kubernetesServiceLinkInRedisPortDoesNotConflict() {
		assertThat(resolve(Map.of("REDIS_URL", "redis://cache:6380", "REDIS_PORT", "tcp://10.0.0.7:6379")))
			.containsEntry("redis.port", "6380");
		assertThat(resolve(Map.of("REDIS_URL", "redis-sentinel://s1#m", "REDIS_PORT", "tcp://10.0.0.7:6379")))
			.containsEntry("redis.sentinels", "s1:26379");
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("REDIS_URL", "redis-sentinel://s1#m", "REDIS_PORT", "6379")))
			.withMessageContaining("is a Sentinel URL, which leaves no room for REDIS_PORT");
	}

	private static Map<String, Object> resolve(Map<String, String> variables) {
		StandardEnvironment environment = SystemEnvironment.environment(variables);
		ConfigurationPropertySources.attach(environment);
		return RedisUrlSettings.resolve(environment.getProperty("redis.url"), Binder.get(environment));
	}

}
