package io.github.redisha.connection;

import io.github.redisha.RedisHaConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the rules of {@link RedisHaProperties#validate()}.
 *
 * @author redis-ha
 */
class RedisHaPropertiesTests {

	@Test
	void defaultsAreValid() {
		assertThatNoException().isThrownBy(() -> new RedisHaProperties().validate());
	}

	@Test
	void databaseMustNotBeNegative() {
		RedisHaProperties properties = new RedisHaProperties();
		properties.setDatabase(-1);
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(properties::validate)
			.withMessage("REDIS_DATABASE (redis.database) is -1 but must be 0 or more.")
			.satisfies((ex) -> assertThat(ex.getAction()).startsWith("Set REDIS_DATABASE to a database index"));
	}

	@Test
	void masterNameMustBeSetOnlyInSentinelMode() {
		RedisHaProperties properties = new RedisHaProperties();
		properties.setMasterName("");
		assertThatNoException().isThrownBy(properties::validate);
		properties.getSentinel().setEnabled(true);
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(properties::validate)
			.withMessage("REDIS_MASTER_NAME (redis.master-name) is '' but must name the master the sentinels monitor.")
			.satisfies((ex) -> assertThat(ex.getAction()).startsWith("Set REDIS_MASTER_NAME to the name"));
	}

}
