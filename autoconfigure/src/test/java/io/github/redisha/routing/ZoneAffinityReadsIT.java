package io.github.redisha.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code REDIS_READ_FROM=zone-affinity} on a real Sentinel topology of Redis 7, which
 * announces no zone, with the zones from the static map {@code REDIS_NODE_ZONES}: master
 * in eu-1a, replicas in eu-1b and eu-1c, the application in eu-1b. Reads are counted per
 * node with {@code INFO commandstats}.
 */
class ZoneAffinityReadsIT {

	private static final String PASSWORD = "zone-secret";

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String KEY = "zones:key";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class));

	@Test
	void readsStayInZoneFallBackWhenTheZoneHasNoReplicaAndLeaveAPromotedReplica() {
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.password(PASSWORD)
			.zones("eu-1a", "eu-1b", "eu-1c")
			.start()) {
			RedisNode sameZone = topology.dataNodes().get(1);
			RedisNode otherZone = topology.dataNodes().get(2);
			assertThat(topology.environment().get("REDIS_NODE_ZONES")).contains(sameZone.address() + "=eu-1b");
			this.contextRunner.withInitializer(RedisServiceConnections.initializer(topology))
				// the topology's environment carries REDIS_NODE_ZONES
				.withPropertyValues("redis.read-from=zone-affinity", "redis.client-zone=eu-1b")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					StringRedisTemplate template = new StringRedisTemplate(
							context.getBean(RedisConnectionFactory.class));
					template.opsForValue().set(KEY, "value");
					await().atMost(TIMEOUT).until(() -> "value".equals(template.opsForValue().get(KEY)));

					// 1. every replica read in the zone while its replica is healthy
					Map<RedisNode, Long> served = reads(topology, template, 300, 0);
					assertThat(served.get(sameZone)).as("GETs in eu-1b of 300").isEqualTo(300);
					assertThat(served.get(otherZone)).as("GETs in eu-1c").isZero();

					// 2. the zone's replica dies: the other zone serves, no read fails
					sameZone.kill();
					served = reads(topology, template, 300, 5);
					assertThat(served.get(otherZone)).as("GETs in eu-1c with eu-1b down").isPositive();
					topology.restore(TIMEOUT);
					await().atMost(TIMEOUT).until(() -> reads(topology, template, 20, 0).get(sameZone) == 20);

					// 3. a failover promotes the zone's replica: it takes no replica
					// reads
					RedisNode master = topology.master();
					preferForPromotion(topology, sameZone, otherZone);
					topology.failover();
					assertThat(topology.awaitFailover(master, TIMEOUT)).isEqualTo(sameZone);
					FailoverHistory history = context.getBean(FailoverHistory.class);
					await().atMost(TIMEOUT)
						.until(() -> history.currentMaster()
							.equals(Optional.of(new RedisEndpoint(sameZone.host(), sameZone.port()))));
					served = reads(topology, template, 300, 0);
					assertThat(served.get(sameZone)).as("GETs on the promoted replica, now the master").isZero();
					assertThat(served.values().stream().mapToLong(Long::longValue).sum()).as("GETs served")
						.isEqualTo(300);
				});
		}
	}

	/**
	 * Reads the key {@code count} times, {@code pauseMillis} apart, asserting every read
	 * answers the value.
	 * @return the GETs each running data node served meanwhile
	 */
	private static Map<RedisNode, Long> reads(SentinelTopology topology, StringRedisTemplate template, int count,
			long pauseMillis) {
		Map<RedisNode, Long> before = gets(topology);
		List<String> errors = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			try {
				String value = template.opsForValue().get(KEY);
				if (!"value".equals(value)) {
					errors.add("read " + i + " returned " + value);
				}
			}
			catch (RuntimeException ex) {
				errors.add("read " + i + ": " + ex);
			}
			sleep(pauseMillis);
		}
		assertThat(errors).as("read errors").isEmpty();
		Map<RedisNode, Long> after = gets(topology);
		Map<RedisNode, Long> served = new java.util.LinkedHashMap<>();
		after.forEach((node, calls) -> served.put(node, calls - before.getOrDefault(node, 0L)));
		return served;
	}

	private static Map<RedisNode, Long> gets(SentinelTopology topology) {
		Map<RedisNode, Long> gets = new java.util.LinkedHashMap<>();
		for (RedisNode node : topology.dataNodes()) {
			gets.put(node, node.isRunning() ? NodeCommands.calls(node, PASSWORD, "get") : 0L);
		}
		return gets;
	}

	/**
	 * Sentinel promotes the replica with the lowest {@code replica-priority}: lower the
	 * other replica's preference, and wait until every Sentinel has seen it (they read it
	 * from the replica's {@code INFO}).
	 */
	private static void preferForPromotion(SentinelTopology topology, RedisNode winner, RedisNode loser) {
		NodeCommands.on(loser, PASSWORD, (redis) -> redis.configSet("replica-priority", "200"));
		RedisClient client = RedisClient.create();
		try {
			for (RedisNode sentinel : topology.sentinels()) {
				try (StatefulRedisSentinelConnection<String, String> connection = client
					.connectSentinel(RedisURI.create(sentinel.host(), sentinel.port()))) {
					await().atMost(TIMEOUT)
						.until(() -> connection.sync()
							.replicas(topology.masterName())
							.stream()
							.anyMatch((replica) -> String.valueOf(loser.port()).equals(replica.get("port"))
									&& "200".equals(replica.get("slave-priority"))));
				}
			}
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		assertThat(winner.isRunning()).isTrue();
	}

	private static void sleep(long millis) {
		if (millis == 0) {
			return;
		}
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
