package io.github.redisha.sample;

import java.time.Duration;

import io.github.redisha.test.Backend;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user with Docker but without Redis binaries writes: one annotation gives the
 * test a Sentinel topology in containers (test kit, Testcontainers backend); the app
 * survives a master kill. {@code down-after} 3 s, as the test kit advises for containers:
 * a container start can stall the other nodes for a second on a small machine.
 */
@Tag("docker")
@RedisSentinelTopology(backend = Backend.TESTCONTAINERS, downAfterMillis = 3000)
class SampleAppContainerIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void appKeepsWritingAfterTheMasterContainerIsKilled(SentinelTopology topology) {
		try (RunningSampleApp app = RunningSampleApp.start(topology)) {
			SampleAppClient client = app.client();
			assertThat(client.put("/kv/color", "blue").statusCode()).isEqualTo(200);
			assertThat(client.getJson("/products/3").get("name").asString()).isEqualTo("Product 3");

			RedisNode oldMaster = topology.master();
			oldMaster.kill();
			RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
			assertThat(newMaster).isNotSameAs(oldMaster);

			await("a write through the app to reach the new master").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> client.put("/kv/color", "green").statusCode() == 200);
			await("the new value to be read back").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> "green".equals(client.getJson("/kv/color").get("value").asString()));
			assertThat(client.getJson("/products/3").get("name").asString()).isEqualTo("Product 3");
			await("health to be UP").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> "UP".equals(client.getJson("/actuator/health").get("status").asString()));
		}
	}

}
