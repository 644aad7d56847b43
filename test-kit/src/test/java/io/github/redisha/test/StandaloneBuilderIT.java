package io.github.redisha.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandaloneBuilderIT {

	@Test
	void startsWithoutPassword() {
		try (StandaloneRedis redis = RedisTopologies.standalone().start()) {
			assertThat(redis.password()).isNull();
			assertThat(redis.environment()).doesNotContainKey("REDIS_PASSWORD")
				.containsEntry("REDIS_SENTINEL_ENABLED", "false");
			assertThat(TestRedis.ping(redis.node(), null)).isEqualTo("PONG");
		}
	}

	@Test
	void quotesPasswordsAndAppliesExtraConfig() {
		String password = "p a\"s\\s'word#1";
		try (StandaloneRedis redis = RedisTopologies.standalone()
			.password(password)
			.extraServerConfig("maxmemory 12mb", "databases 4")
			.start()) {
			assertThat(TestRedis.config(redis.node(), password, "maxmemory"))
				.isEqualTo(String.valueOf(12 * 1024 * 1024));
			assertThat(TestRedis.config(redis.node(), password, "databases")).isEqualTo("4");
		}
	}

	@Test
	void reportsTheLogWhenTheServerCannotStart() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> RedisTopologies.standalone().extraServerConfig("no-such-option yes").start())
			.isInstanceOf(RedisTopologyException.class)
			.hasMessageContaining("exited with code")
			.hasMessageContaining("no-such-option");
	}

	@Test
	void twoServersGetDifferentPorts() {
		try (StandaloneRedis a = RedisTopologies.standalone().start();
				StandaloneRedis b = RedisTopologies.standalone().start()) {
			assertThat(a.node().port()).isNotEqualTo(b.node().port());
		}
	}

}
