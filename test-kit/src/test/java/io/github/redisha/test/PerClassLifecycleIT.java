package io.github.redisha.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a per-class test instance the constructor runs before {@code beforeAll}; the
 * extension starts the server lazily then. An empty password means none.
 */
@RedisStandalone(password = "")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerClassLifecycleIT {

	private final StandaloneRedis redis;

	PerClassLifecycleIT(StandaloneRedis redis) {
		this.redis = redis;
	}

	@Test
	void constructorAndMethodGetTheSameServer(StandaloneRedis redis) {
		assertThat(redis).isSameAs(this.redis);
		assertThat(redis.password()).isNull();
		assertThat(TestRedis.ping(redis.node(), null)).isEqualTo("PONG");
	}

	@AfterAll
	void stillRunningInAfterAll(StandaloneRedis redis) {
		assertThat(redis.node().isRunning()).isTrue();
	}

}
