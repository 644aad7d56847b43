package io.github.redisha.docker.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster counterpart of {@link DockerComposeSentinelIT}: an application with
 * {@code spring-boot-docker-compose} and the {@code cluster} profile of the repository's
 * {@code docker-compose.yml} active, given no {@code REDIS_*}: Boot starts the six nodes
 * and the one-shot service that forms the cluster, redis-ha connects in cluster mode to
 * all six as seeds, writes keys over all slots and keeps writing after the container of
 * the primary on 7000 is killed. The compose project is taken down before and after.
 */
@Tag("docker")
class DockerComposeClusterIT {

	private static final String PROJECT = "redis-ha-boot-compose";

	private static final Path COMPOSE_FILE = Path.of(System.getProperty("redisha.repo-root", ".."))
		.resolve("docker-compose.yml")
		.toAbsolutePath()
		.normalize();

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@BeforeAll
	static void noLeftovers() {
		down();
	}

	@AfterAll
	static void down() {
		DockerCompose
			.get(DockerComposeFile.of(COMPOSE_FILE.toFile()), null, Set.of("cluster"),
					List.of("--project-name", PROJECT))
			.down(Duration.ofSeconds(10), List.of("--volumes", "--remove-orphans"));
	}

	@Test
	void connectsToTheComposeClusterAndKeepsWritingThroughAPrimaryKill() {
		assertThat(System.getenv()).as("no REDIS_* connection variable")
			.doesNotContainKeys("REDIS_CLUSTER_ENABLED", "REDIS_CLUSTER_NODES", "REDIS_PASSWORD", "REDIS_ENABLED");
		try (ConfigurableApplicationContext context = application().run()) {
			DataRedisConnectionDetails.Cluster cluster = context.getBean(DataRedisConnectionDetails.class).getCluster();
			assertThat(cluster).isNotNull();
			assertThat(cluster.getNodes()).extracting(DataRedisConnectionDetails.Node::port)
				.containsExactly(7000, 7001, 7002, 7003, 7004, 7005);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			for (int i = 0; i < 100; i++) {
				redis.opsForValue().set("compose-cluster-" + i, "before");
			}
			assertThat(redis.opsForValue().get("compose-cluster-99")).isEqualTo("before");

			DockerCli.docker("kill", DockerCli.container(PROJECT, "redis-cluster-0"));
			await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
				for (int i = 0; i < 100; i++) {
					redis.opsForValue().set("compose-cluster-" + i, "after");
				}
			});
			for (int i = 0; i < 100; i++) {
				assertThat(redis.opsForValue().get("compose-cluster-" + i)).isEqualTo("after");
			}
		}
	}

	private static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ComposeApplication.class).web(WebApplicationType.NONE)
			.properties(Map.of("spring.docker.compose.file", COMPOSE_FILE.toString(),
					"spring.docker.compose.profiles.active", "cluster", "spring.docker.compose.lifecycle-management",
					"start-and-stop", "spring.docker.compose.skip.in-tests", "false", "spring.docker.compose.arguments",
					"--project-name," + PROJECT,
					// the cluster only; the sample app of the same profile is not this
					// test's
					"spring.docker.compose.start.arguments",
					"redis-cluster-0,redis-cluster-1,redis-cluster-2,redis-cluster-3,redis-cluster-4,redis-cluster-5,"
							+ "redis-cluster-init",
					"spring.docker.compose.stop.command", "down", "spring.docker.compose.stop.arguments",
					"--volumes,--remove-orphans"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ComposeApplication {

	}

}
