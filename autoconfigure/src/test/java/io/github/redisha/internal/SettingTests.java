package io.github.redisha.internal;

import java.time.Duration;

import io.github.redisha.RedisHaConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link Setting}.
 *
 * @author redis-ha
 */
class SettingTests {

	private static final Setting TIMEOUT = Setting.of("redis.health.timeout");

	@Test
	void variableFollowsBootsRelaxedBindingOfDotsAndDashes() {
		Setting setting = Setting.of("redis.failover.safe-write.replicas");
		assertThat(setting.variable()).isEqualTo("REDIS_FAILOVER_SAFE_WRITE_REPLICAS");
		assertThat(setting.property()).isEqualTo("redis.failover.safe-write.replicas");
		assertThat(Setting.of("redis.url").variable()).isEqualTo("REDIS_URL");
	}

	@Test
	void rendersVariableThenProperty() {
		assertThat(Setting.of("redis.master-name")).hasToString("REDIS_MASTER_NAME (redis.master-name)")
			.isEqualTo(Setting.of("redis.master-name"))
			.isNotEqualTo(Setting.of("redis.host"));
	}

	@Test
	void onlyCanonicalPropertyNamesAreAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.of("redis.masterName"));
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.of("REDIS_MASTER_NAME"));
	}

	@Test
	void rejectSaysSettingValueRuleAndAction() {
		RedisHaConfigurationException ex = Setting.of("redis.database").reject(-1, "must be 0 or more", "Fix it.");
		assertThat(ex).hasMessage("REDIS_DATABASE (redis.database) is -1 but must be 0 or more.");
		assertThat(ex.getAction()).isEqualTo("Fix it.");
	}

	@Test
	void rejectQuotesTextAndShowsDurationsInMilliseconds() {
		assertThat(Setting.of("redis.port").reject("abc", "must be a port number", "a"))
			.hasMessage("REDIS_PORT (redis.port) is 'abc' but must be a port number.");
		assertThat(TIMEOUT.reject(Duration.ofSeconds(2), "must be short", "a"))
			.hasMessage("REDIS_HEALTH_TIMEOUT (redis.health.timeout) is 2000ms but must be short.");
	}

	@Test
	void requirePositiveRejectsZeroAndNegativeDurations() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> TIMEOUT.requirePositive(Duration.ZERO, "Set it to 500ms."))
			.withMessage("REDIS_HEALTH_TIMEOUT (redis.health.timeout) is 0ms but must be positive.")
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Set it to 500ms."));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> TIMEOUT.requirePositive(Duration.ofMillis(-5), "a"))
			.withMessage("REDIS_HEALTH_TIMEOUT (redis.health.timeout) is -5ms but must be positive.");
		assertThatNoException().isThrownBy(() -> TIMEOUT.requirePositive(Duration.ofMillis(1), "a"));
	}

	@Test
	void requireNotNegativeAcceptsZero() {
		assertThatNoException().isThrownBy(() -> TIMEOUT.requireNotNegative(Duration.ZERO, "a"));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> TIMEOUT.requireNotNegative(Duration.ofMillis(-1), "a"))
			.withMessage("REDIS_HEALTH_TIMEOUT (redis.health.timeout) is -1ms but must not be negative.");
	}

}
