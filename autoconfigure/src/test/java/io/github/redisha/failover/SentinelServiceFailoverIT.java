package io.github.redisha.failover;

import java.time.Duration;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelService;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SteadyWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application given one Service address in front of the Sentinels (TCP round robin
 * over the ready ones, as a Kubernetes ClusterIP Service), writing every 5 ms: it learns
 * every Sentinel behind the Service, follows a master SIGKILL without an error reaching
 * it and without losing an acknowledged write, and after the Sentinels are redeployed
 * (all replaced on new ports behind the same Service) it knows the new three only and
 * follows the next SIGKILL just as well.
 */
class SentinelServiceFailoverIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String PASSWORD = "data-secret";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class));

	@Test
	void learnsEverySentinelBehindTheServiceAndFollowsAMasterKill() {
		try (SentinelTopology topology = topology()) {
			run(topology.service(), (context, registry, writer) -> {
				awaitSentinels(registry, 3, 3);
				killMasterAndAwaitSwitch(context, topology, writer);
				assertThat(gauge(registry, "redis.sentinel.known")).isEqualTo(3);
			});
		}
	}

	@Test
	void followsTheSentinelsRedeployedBehindTheServiceAndThenAMasterKill() {
		try (SentinelTopology topology = topology()) {
			SentinelService service = topology.service();
			run(service, (context, registry, writer) -> {
				awaitSentinels(registry, 3, 3);
				topology.redeploySentinels();
				// the old three are dropped once no new Sentinel lists them; the new
				// three
				// are found through the Service
				awaitSentinels(registry, 3, 3);
				long redeployed = System.nanoTime();
				await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(redeployed).size() >= 20);
				killMasterAndAwaitSwitch(context, topology, writer);
				assertThat(gauge(registry, "redis.sentinel.known")).isEqualTo(3);
			});
		}
	}

	private static SentinelTopology topology() {
		return RedisTopologies.sentinel().password(PASSWORD).sentinelPassword("sentinel-secret").start();
	}

	private void run(SentinelService service, Scenario scenario) {
		this.contextRunner.withInitializer(RedisServiceConnections.initializer(service)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getEnvironment().getProperty("redis.sentinels")).isEqualTo(service.address());
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MeterBinder.class).bindTo(registry);
			StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			SteadyWriter writer = new SteadyWriter(template, "svc-" + System.nanoTime());
			try {
				await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
				scenario.run(context, registry, writer);
			}
			finally {
				writer.close();
			}
			assertThat(writer.failures()).as("errors seen by the application").isEmpty();
		});
	}

	private static void awaitSentinels(MeterRegistry registry, int reachable, int known) {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					List.of(gauge(registry, "redis.sentinel.reachable"), gauge(registry, "redis.sentinel.known")))
				.as("sentinels reachable, known")
				.containsExactly((double) reachable, (double) known));
	}

	private static double gauge(MeterRegistry registry, String name) {
		return registry.get(name).gauge().value();
	}

	/**
	 * SIGKILL the master, wait until the application follows the new one and wrote there,
	 * then read every acknowledged write back from the new master.
	 */
	private static void killMasterAndAwaitSwitch(AssertableApplicationContext context, SentinelTopology topology,
			SteadyWriter writer) {
		RedisNode oldMaster = topology.master();
		oldMaster.kill();
		RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
		FailoverHistory history = context.getBean(FailoverHistory.class);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(history.currentMaster()).contains(endpoint(newMaster)));
		long switched = System.nanoTime();
		await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(switched).size() >= 40);
		List<String> keys = writer.acknowledged().stream().map(SteadyWriter.Write::key).toList();
		long present = NodeCommands.on(newMaster, PASSWORD,
				(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
		assertThat(present).as("acknowledged writes found on the new master").isEqualTo(keys.size());
	}

	private static RedisEndpoint endpoint(RedisNode node) {
		return new RedisEndpoint(node.host(), node.port());
	}

	@FunctionalInterface
	interface Scenario {

		void run(AssertableApplicationContext context, MeterRegistry registry, SteadyWriter writer) throws Exception;

	}

}
