package io.github.redisha.docker.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.docker.compose.core.DockerCompose;
import org.springframework.boot.docker.compose.core.DockerComposeFile;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application with {@code spring-boot-docker-compose}, pointed at the
 * repository's {@code docker-compose.yml} and given no {@code REDIS_*} at all: Boot
 * starts the Sentinel topology (not the sample app), redis-ha connects through the three
 * Sentinels, writes and reads, and follows the new master when the master's container is
 * killed; a second start then finds the running topology and its new master. The compose
 * project is taken down before and after, also when the test fails; Boot's own
 * {@code down} at JVM exit is a second net. Needs Docker with host networking, Compose v2
 * and the ports of docker-compose.yml; {@code REDIS_IMAGE} picks the Redis image as for
 * users.
 */
@Tag("docker")
class DockerComposeSentinelIT {

	private static final String PROJECT = "redis-ha-boot-compose";

	private static final Path COMPOSE_FILE = Path.of(System.getProperty("redisha.repo-root", ".."))
		.resolve("docker-compose.yml")
		.toAbsolutePath()
		.normalize();

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	/**
	 * The redis-ha connection variables; REDIS_IMAGE only picks the compose file's image.
	 */
	private static final Set<String> CONNECTION_VARIABLES = Set.of("REDIS_SENTINEL_ENABLED", "REDIS_SENTINELS",
			"REDIS_MASTER_NAME", "REDIS_PASSWORD", "REDIS_SENTINEL_PASSWORD", "REDIS_USERNAME",
			"REDIS_SENTINEL_USERNAME", "REDIS_HOST", "REDIS_PORT", "REDIS_ENABLED");

	private static final RedisEndpoint FIRST_MASTER = new RedisEndpoint("127.0.0.1", 6379);

	@BeforeAll
	static void noLeftovers() {
		// a busy port of docker-compose.yml fails `docker compose up --wait`, with the
		// services' logs
		down();
	}

	@AfterAll
	static void down() {
		DockerCompose
			.get(DockerComposeFile.of(COMPOSE_FILE.toFile()), null, Set.of(), List.of("--project-name", PROJECT))
			.down(Duration.ofSeconds(10), List.of("--volumes", "--remove-orphans"));
	}

	@Test
	void connectsThroughTheComposeSentinelsAndFollowsAMasterKill() {
		assertThat(System.getenv().keySet()).as("no REDIS_* connection variable")
			.doesNotContainAnyElementsOf(CONNECTION_VARIABLES);
		try (ConfigurableApplicationContext context = application().run()) {
			DataRedisConnectionDetails.Sentinel sentinel = context.getBean(DataRedisConnectionDetails.class)
				.getSentinel();
			assertThat(sentinel).isNotNull();
			assertThat(sentinel.getMaster()).isEqualTo("mymaster");
			assertThat(sentinel.getNodes()).extracting(DataRedisConnectionDetails.Node::port)
				.containsExactly(26379, 26380, 26381);
			assertThat(context.containsBean("redisStartupCheck")).as("redis-ha's startup check ran").isTrue();
			FailoverHistory history = context.getBean(FailoverHistory.class);
			await().atMost(TIMEOUT).until(() -> history.currentMaster().equals(Optional.of(FIRST_MASTER)));

			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.opsForValue().set("compose-it", "before the failover");
			assertThat(redis.opsForValue().get("compose-it")).isEqualTo("before the failover");
			HealthIndicator health = context.getBean("redisHealthContributor", HealthIndicator.class);
			awaitUp(health);

			DockerCli.docker("kill", DockerCli.container(PROJECT, "redis-master"));
			await().atMost(TIMEOUT)
				.until(() -> history.currentMaster().filter((master) -> !master.equals(FIRST_MASTER)).isPresent());
			await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
				redis.opsForValue().set("compose-it", "after the failover");
				assertThat(redis.opsForValue().get("compose-it")).isEqualTo("after the failover");
			});
			assertThat(history.lastSwitch()).hasValueSatisfying((change) -> {
				assertThat(change.from()).isEqualTo(FIRST_MASTER);
				assertThat(change.to()).isEqualTo(history.currentMaster().orElseThrow());
			});
			awaitUp(health);
			restartFindsTheNewMaster(history.currentMaster().orElseThrow());
		}
	}

	/**
	 * Another start while the topology runs, its first master dead: Boot reuses the
	 * running services and redis-ha connects to the new master through the Sentinels.
	 */
	private void restartFindsTheNewMaster(RedisEndpoint newMaster) {
		try (ConfigurableApplicationContext context = application().run()) {
			FailoverHistory history = context.getBean(FailoverHistory.class);
			await().atMost(TIMEOUT).until(() -> history.currentMaster().equals(Optional.of(newMaster)));
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			assertThat(redis.opsForValue().get("compose-it")).isEqualTo("after the failover");
		}
	}

	private static void awaitUp(HealthIndicator health) {
		// polled: a busy machine can make the first check (at startup, then cached) time
		// out
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Health current = health.health();
			assertThat(current.getStatus()).as("Redis health %s", current.getDetails()).isEqualTo(Status.UP);
		});
	}

	private static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ComposeApplication.class).web(WebApplicationType.NONE)
			.properties(Map.of("spring.docker.compose.file", COMPOSE_FILE.toString(),
					"spring.docker.compose.lifecycle-management", "start-and-stop",
					"spring.docker.compose.skip.in-tests", "false", "spring.docker.compose.arguments",
					"--project-name," + PROJECT,
					// the Redis topology only; the sample app of the same file is not
					// this test's
					"spring.docker.compose.start.arguments", "redis-sentinel-1,redis-sentinel-2,redis-sentinel-3",
					"spring.docker.compose.stop.command", "down", "spring.docker.compose.stop.arguments",
					"--volumes,--remove-orphans"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ComposeApplication {

	}

}
