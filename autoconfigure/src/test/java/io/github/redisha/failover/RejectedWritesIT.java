package io.github.redisha.failover;

import java.time.Duration;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SteadyWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Data nodes with {@code min-replicas-to-write 1} / {@code min-replicas-max-lag 10} (the
 * Sentinel guide's production setting, and the compose topology's): a freshly promoted
 * master answers {@code NOREPLICAS} until a replica has attached to it. Such a write was
 * not executed; the starter holds it and sends it again, so the application writing every
 * 5 ms through a master kill and a {@code SENTINEL FAILOVER} sees no error, and every
 * write it was told succeeded is on the new master. The new master's own
 * {@code INFO errorstats} proves it did reject writes meanwhile. One fresh topology per
 * test.
 */
class RejectedWritesIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String PASSWORD = "data-secret";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class));

	@Test
	void noWriteFailsWhenTheNewMasterWaitsForReplicasAfterAKill() {
		writeThroughFailover((topology, oldMaster) -> oldMaster.kill());
	}

	@Test
	void noWriteFailsWhenTheNewMasterWaitsForReplicasAfterAManualFailover() {
		writeThroughFailover((topology, oldMaster) -> topology.failover());
	}

	private void writeThroughFailover(Fault fault) {
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.password(PASSWORD)
			.sentinelPassword("sentinel-secret")
			.extraServerConfig("min-replicas-to-write 1", "min-replicas-max-lag 10")
			.start()) {
			this.contextRunner.withInitializer(RedisServiceConnections.initializer(topology)).run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(MeterBinder.class).bindTo(registry);
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				SteadyWriter writer = new SteadyWriter(template, "noreplicas-" + System.nanoTime());
				RedisNode newMaster;
				long switched;
				try {
					await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
					RedisNode oldMaster = topology.master();
					fault.inject(topology, oldMaster);
					newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
					RedisEndpoint newEndpoint = new RedisEndpoint(newMaster.host(), newMaster.port());
					FailoverHistory history = context.getBean(FailoverHistory.class);
					await().atMost(TIMEOUT)
						.until(() -> history.currentMaster().filter(newEndpoint::equals).isPresent());
					switched = System.nanoTime();
					await().atMost(TIMEOUT)
						.until(() -> newMasterHasAReplica(newMaster)
								&& writer.acknowledgedSentAfter(switched).size() >= 40);
				}
				finally {
					writer.close();
				}
				assertThat(writer.failures()).as("errors seen by the application").isEmpty();
				assertThat(rejectedWrites(newMaster)).as("writes the new master rejected with NOREPLICAS").isPositive();
				FunctionCounter retried = registry.find("redis.failover.rejected.retries")
					.tag("error", "NOREPLICAS")
					.functionCounter();
				assertThat(retried).as("NOREPLICAS retries meter").isNotNull();
				assertThat(retried.count()).isGreaterThanOrEqualTo(rejectedWrites(newMaster));
				assertWritesOn(newMaster, writer, switched);
			});
		}
	}

	private static boolean newMasterHasAReplica(RedisNode newMaster) {
		String replication = NodeCommands.on(newMaster, PASSWORD, (redis) -> redis.info("replication"));
		return !replication.contains("connected_slaves:0");
	}

	private static long rejectedWrites(RedisNode node) {
		return NodeCommands.errorReplies(node, PASSWORD, "NOREPLICAS");
	}

	private static void assertWritesOn(RedisNode newMaster, SteadyWriter writer, long since) {
		List<String> keys = writer.acknowledgedSentAfter(since).stream().map(SteadyWriter.Write::key).toList();
		assertThat(keys).isNotEmpty();
		long present = NodeCommands.on(newMaster, PASSWORD,
				(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
		assertThat(present).as("acknowledged writes found on the new master").isEqualTo(keys.size());
	}

	@FunctionalInterface
	interface Fault {

		void inject(SentinelTopology topology, RedisNode oldMaster);

	}

}
