package io.github.redisha.routing;

import java.time.Duration;
import java.util.Map;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.Backend;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code REDIS_READ_FROM=zone-affinity} on a Sentinel topology of Valkey 8.1 in
 * containers, where each node announces its zone ({@code availability-zone}) and no
 * static map is given: the routing learns the zones from the servers, without blocking a
 * read, and then keeps every replica read in the application's zone. Runs with the
 * {@code docker} profile; the image is {@code redisha.test.valkey-image}, else
 * {@code REDISHA_TEST_VALKEY_IMAGE}, else {@code redis-ha/valkey:8} (built by
 * {@code .ci/docker/build-images.sh}).
 */
@Tag("docker")
class ValkeyZoneAffinityIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String PASSWORD = "valkey-zone-secret";

	private static final String KEY = "zones:valkey";

	@Test
	void zonesAnnouncedByTheServersKeepReadsInTheApplicationsZone() {
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.backend(Backend.TESTCONTAINERS)
			.image(image())
			.downAfter(Duration.ofSeconds(3))
			.password(PASSWORD)
			.zones("eu-1a", "eu-1b", "eu-1c")
			.announceZones()
			.start()) {
			RedisNode sameZone = topology.dataNodes().get(1);
			assertThat(topology.environment()).doesNotContainKey("REDIS_NODE_ZONES");
			String info = NodeCommands.on(sameZone, PASSWORD, (redis) -> redis.info("server"));
			assertThat(info).contains("availability_zone:eu-1b");
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
						DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
						RedisHaSentinelAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class))
				.withInitializer(RedisServiceConnections.initializer(topology))
				.withPropertyValues("redis.read-from=zone-affinity", "redis.client-zone=eu-1b")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					StringRedisTemplate template = new StringRedisTemplate(
							context.getBean(RedisConnectionFactory.class));
					template.opsForValue().set(KEY, "value");
					// the first reads go out before the zones are learned: any replica
					await().atMost(TIMEOUT).until(() -> "value".equals(template.opsForValue().get(KEY)));
					await().atMost(TIMEOUT).until(() -> readsOn(topology, template, sameZone, 20) == 20);
					ZoneReadCounts counts = context.getBean(ZoneReadCounts.class);
					long sameBefore = counts.same.sum();
					long others = counts.other.sum() + counts.master.sum();
					Map<RedisNode, Long> before = gets(topology);
					for (int i = 0; i < 300; i++) {
						assertThat(template.opsForValue().get(KEY)).isEqualTo("value");
					}
					Map<RedisNode, Long> after = gets(topology);
					for (RedisNode node : topology.dataNodes()) {
						long served = after.get(node) - before.get(node);
						assertThat(served).as("GETs on " + node + " (" + topology.zones().get(node) + ")")
							.isEqualTo((node == sameZone) ? 300 : 0);
					}
					assertThat(counts.same.sum() - sameBefore).as("redis.read.zone match=same").isEqualTo(300);
					assertThat(counts.other.sum() + counts.master.sum()).as("match=other|master").isEqualTo(others);
				});
		}
	}

	private static long readsOn(SentinelTopology topology, StringRedisTemplate template, RedisNode node, int reads) {
		long before = NodeCommands.calls(node, PASSWORD, "get");
		for (int i = 0; i < reads; i++) {
			template.opsForValue().get(KEY);
		}
		return NodeCommands.calls(node, PASSWORD, "get") - before;
	}

	private static Map<RedisNode, Long> gets(SentinelTopology topology) {
		Map<RedisNode, Long> gets = new java.util.LinkedHashMap<>();
		topology.dataNodes().forEach((node) -> gets.put(node, NodeCommands.calls(node, PASSWORD, "get")));
		return gets;
	}

	private static String image() {
		String image = System.getProperty("redisha.test.valkey-image");
		if (image == null || image.isBlank()) {
			image = System.getenv("REDISHA_TEST_VALKEY_IMAGE");
		}
		return (image == null || image.isBlank()) ? "redis-ha/valkey:8" : image;
	}

}
