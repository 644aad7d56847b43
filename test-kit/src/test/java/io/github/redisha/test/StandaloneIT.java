package io.github.redisha.test;

import java.util.OptionalLong;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RedisStandalone
class StandaloneIT {

	private static StandaloneRedis fromBeforeAll;

	private final StandaloneRedis fromConstructor;

	private StandaloneRedis fromBeforeEach;

	StandaloneIT(StandaloneRedis redis) {
		this.fromConstructor = redis;
	}

	@BeforeAll
	static void beforeAll(StandaloneRedis redis) {
		fromBeforeAll = redis;
	}

	@BeforeEach
	void beforeEach(StandaloneRedis redis) {
		this.fromBeforeEach = redis;
		if (!redis.node().isRunning()) {
			redis.node().start();
		}
	}

	@Test
	void injectsTheSameInstanceEverywhere(StandaloneRedis redis) {
		assertThat(redis).isSameAs(fromBeforeAll).isSameAs(this.fromConstructor).isSameAs(this.fromBeforeEach);
	}

	@Test
	void answersWithPasswordOnLoopback(StandaloneRedis redis) {
		RedisNode node = redis.node();
		assertThat(redis.password()).isEqualTo("data-secret");
		assertThat(node.host()).isEqualTo("127.0.0.1");
		assertThat(node.address()).isEqualTo("127.0.0.1:" + node.port());
		assertThat(node.isSentinel()).isFalse();
		assertThat(node.isRunning()).isTrue();
		assertThat(node.pid()).isPresent();
		assertThat(TestRedis.set(node, "data-secret", "k", "v")).isEqualTo("OK");
		assertThat(TestRedis.get(node, "data-secret", "k")).isEqualTo("v");
		assertThat(TestRedis.role(node, "data-secret")).isEqualTo("master");
		assertThatThrownBy(() -> TestRedis.get(node, null, "k")).hasStackTraceContaining("NOAUTH");
	}

	@Test
	void describesItselfAsEnvironment(StandaloneRedis redis) {
		assertThat(redis.environment()).containsExactly(java.util.Map.entry("REDIS_SENTINEL_ENABLED", "false"),
				java.util.Map.entry("REDIS_HOST", "127.0.0.1"),
				java.util.Map.entry("REDIS_PORT", String.valueOf(redis.node().port())),
				java.util.Map.entry("REDIS_PASSWORD", "data-secret"));
	}

	@Test
	void stopsAndStartsOnTheSamePort(StandaloneRedis redis) {
		RedisNode node = redis.node();
		int port = node.port();
		long pid = node.pid().orElseThrow();
		node.stop();
		assertThat(node.isRunning()).isFalse();
		assertThat(node.pid()).isEqualTo(OptionalLong.empty());
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		node.start();
		assertThat(node.isRunning()).isTrue();
		assertThat(node.port()).isEqualTo(port);
		assertThat(node.pid().orElseThrow()).isNotEqualTo(pid);
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
	}

	@Test
	void killsAndRestarts(StandaloneRedis redis) {
		RedisNode node = redis.node();
		long pid = node.pid().orElseThrow();
		node.kill();
		assertThat(node.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThatThrownBy(() -> TestRedis.ping(node, "data-secret"))
			.isNotInstanceOf(RedisCommandExecutionException.class);
		node.kill(); // no-op
		node.start();
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
	}

	@Test
	void freezesAndThaws(StandaloneRedis redis) {
		RedisNode node = redis.node();
		node.freeze();
		assertThat(node.isFrozen()).isTrue();
		assertThat(node.isRunning()).isTrue();
		assertThatThrownBy(() -> TestRedis.ping(node, "data-secret"))
			.isInstanceOfAny(RedisCommandTimeoutException.class, io.lettuce.core.RedisConnectionException.class);
		node.thaw();
		assertThat(node.isFrozen()).isFalse();
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
	}

	@Test
	void stopsAFrozenNode(StandaloneRedis redis) {
		RedisNode node = redis.node();
		node.freeze();
		node.stop();
		assertThat(node.isRunning()).isFalse();
		assertThat(node.isFrozen()).isFalse();
		node.start();
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
	}

	@Nested
	class NestedTests {

		@Test
		void sharesTheEnclosingClassServer(StandaloneRedis redis) {
			assertThat(redis).isSameAs(fromBeforeAll);
		}

	}

}
