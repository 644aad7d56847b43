package io.github.redisha.test;

import java.time.Duration;

import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A standalone server on the Testcontainers backend: fault operations map to container
 * operations, and closing removes the container.
 */
@Tag("docker")
@RedisStandalone(backend = Backend.TESTCONTAINERS)
class ContainerStandaloneIT {

	@BeforeEach
	void running(StandaloneRedis redis) {
		redis.node().thaw();
		redis.node().start();
	}

	@Test
	void answersWithPasswordOnLoopback(StandaloneRedis redis) {
		RedisNode node = redis.node();
		assertThat(node.address()).isEqualTo("127.0.0.1:" + node.port());
		assertThat(node.pid()).isEmpty();
		assertThat(TestRedis.set(node, "data-secret", "k", "v")).isEqualTo("OK");
		assertThat(TestRedis.get(node, "data-secret", "k")).isEqualTo("v");
		assertThatThrownBy(() -> TestRedis.get(node, null, "k")).hasStackTraceContaining("NOAUTH");
		assertThat(redis.environment()).containsEntry("REDIS_PORT", String.valueOf(node.port()));
	}

	@Test
	void freezeMakesItHangUntilThawed(StandaloneRedis redis) {
		RedisNode node = redis.node();
		node.freeze();
		try {
			assertThat(node.isFrozen()).isTrue();
			assertThat(node.isRunning()).isTrue();
			assertThatThrownBy(() -> TestRedis.ping(node, "data-secret"))
				.hasRootCauseInstanceOf(RedisCommandTimeoutException.class);
		}
		finally {
			// the topology is shared by the class's tests: a failed assertion must not
			// leave it frozen
			node.thaw();
		}
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
	}

	@Test
	void killAndStopEndItAndStartBringsItBackOnTheSamePort(StandaloneRedis redis) {
		RedisNode node = redis.node();
		int port = node.port();
		node.kill();
		assertThat(node.isRunning()).isFalse();
		assertThatThrownBy(() -> TestRedis.ping(node, "data-secret")).isNotNull();
		node.start();
		assertThat(node.port()).isEqualTo(port);
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
		node.stop();
		assertThat(node.isRunning()).isFalse();
		node.start();
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
		// a frozen (paused) container can be killed too
		node.freeze();
		node.kill();
		assertThat(node.isRunning()).isFalse();
		assertThat(node.isFrozen()).isFalse();
		node.start();
		assertThat(TestRedis.ping(node, "data-secret")).isEqualTo("PONG");
	}

	@Test
	void closeRemovesTheContainer() {
		StandaloneRedis other = RedisTopologies.standalone().backend(Backend.TESTCONTAINERS).password("p").start();
		int before = NodeContainers.all().size();
		other.node().freeze();
		other.close();
		assertThat(other.node().isRunning()).isFalse();
		TestRedis.await("the container to be removed", Duration.ofSeconds(30),
				() -> NodeContainers.all().size() == before - 1);
		other.close(); // idempotent
	}

}
