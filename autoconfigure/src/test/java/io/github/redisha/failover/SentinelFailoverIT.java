package io.github.redisha.failover;

import java.time.Duration;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
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
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Master faults against a real Sentinel topology ({@code down-after-milliseconds} 1 s)
 * while the application writes every 5 ms: the client follows the new master, sends
 * nothing more to the old one, never sees {@code READONLY}, and records the failover.
 * Asserts behaviour, never timings. Each test gets a fresh topology: back-to-back
 * failovers on one topology can make Sentinel demote a freshly promoted replica again (a
 * sentinel that has not yet seen the previous demotion reconverts it), which is
 * Sentinel's race, not the client's.
 */
class SentinelFailoverIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String PASSWORD = "data-secret";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class));

	private static SentinelTopology topology() {
		return RedisTopologies.sentinel().password(PASSWORD).sentinelPassword("sentinel-secret").start();
	}

	@Test
	void followsTheNewMasterWhenTheMasterIsKilled() {
		try (SentinelTopology topology = topology()) {
			run(topology, (context, writer) -> {
				RedisNode oldMaster = topology.master();
				oldMaster.kill();
				RedisNode newMaster = awaitSwitch(context, topology, oldMaster, writer);

				// the old master comes back as a master (empty) until Sentinel demotes it
				oldMaster.start();
				long restarted = System.nanoTime();
				awaitWritesSentAfter(writer, restarted);
				assertNothingWrittenSince(oldMaster, writer, restarted);
				assertWritesLandedOn(newMaster, writer, restarted);
			});
		}
	}

	@Test
	void followsTheNewMasterWhenTheMasterFreezes() {
		try (SentinelTopology topology = topology()) {
			run(topology, (context, writer) -> {
				RedisNode oldMaster = topology.master();
				oldMaster.freeze();
				RedisNode newMaster = awaitSwitch(context, topology, oldMaster, writer);
				long switched = System.nanoTime();
				awaitWritesSentAfter(writer, switched);
				assertWritesLandedOn(newMaster, writer, switched);
				assertThat(oldMaster.isFrozen()).isTrue();
			});
		}
	}

	@Test
	void writesNothingToAFrozenMasterThatResumes() {
		try (SentinelTopology topology = topology()) {
			run(topology, (context, writer) -> {
				RedisNode oldMaster = topology.master();
				oldMaster.freeze();
				RedisNode newMaster = awaitSwitch(context, topology, oldMaster, writer);
				long switched = System.nanoTime();
				// resumed, the old master still believes it is the master until Sentinel
				// converts it
				oldMaster.thaw();
				awaitWritesSentAfter(writer, switched);
				assertNothingWrittenSince(oldMaster, writer, switched);
				assertWritesLandedOn(newMaster, writer, switched);
			});
		}
	}

	@Test
	void leavesTheOldMasterOnAManualFailover() {
		try (SentinelTopology topology = topology()) {
			run(topology, (context, writer) -> {
				RedisNode oldMaster = topology.master();
				topology.failover();
				RedisNode newMaster = awaitSwitch(context, topology, oldMaster, writer);
				long switched = System.nanoTime();
				awaitWritesSentAfter(writer, switched);
				// the old master keeps accepting writes until Sentinel demotes it seconds
				// later
				assertNothingWrittenSince(oldMaster, writer, switched);
				assertWritesLandedOn(newMaster, writer, switched);
			});
		}
	}

	private void run(SentinelTopology topology, Scenario scenario) {
		this.contextRunner.withInitializer(RedisServiceConnections.initializer(topology)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(FailoverHistory.class);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MeterBinder.class).bindTo(registry);
			StringRedisTemplate template = new StringRedisTemplate(
					context.getBean(org.springframework.data.redis.connection.RedisConnectionFactory.class));
			SteadyWriter writer = new SteadyWriter(template, "it-" + System.nanoTime());
			try {
				await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
				scenario.run(context, writer);
			}
			finally {
				writer.close();
			}
			assertThat(writer.failures()).as("errors seen by the application").isEmpty();
			assertThat(registry.get("redis.failover.master.switches").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("redis.failover.duration").timer().count()).isEqualTo(1);
			assertThat(registry.get("redis.client.recovery").timer().count()).isGreaterThanOrEqualTo(1);
			assertThat(registry.get("redis.sentinel.events").tag("type", "+switch-master").functionCounter().count())
				.isGreaterThanOrEqualTo(1);
			assertThat(registry.get("redis.sentinel.reachable").gauge().value()).isEqualTo(3);
		});
	}

	private RedisNode awaitSwitch(AssertableApplicationContext context, SentinelTopology topology, RedisNode oldMaster,
			SteadyWriter writer) {
		RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
		FailoverHistory history = context.getBean(FailoverHistory.class);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(history.currentMaster()).contains(endpoint(newMaster)));
		MasterSwitch lastSwitch = history.lastSwitch().orElseThrow();
		assertThat(lastSwitch.from()).isEqualTo(endpoint(oldMaster));
		assertThat(lastSwitch.to()).isEqualTo(endpoint(newMaster));
		assertThat(lastSwitch.masterName()).isEqualTo(topology.masterName());
		return newMaster;
	}

	private static void awaitWritesSentAfter(SteadyWriter writer, long nanoTime) {
		await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(nanoTime).size() >= 40);
	}

	private static void assertWritesLandedOn(RedisNode newMaster, SteadyWriter writer, long since) {
		List<String> keys = writer.acknowledgedSentAfter(since).stream().map(SteadyWriter.Write::key).toList();
		assertThat(keys).isNotEmpty();
		long present = NodeCommands.on(newMaster, PASSWORD,
				(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
		assertThat(present).as("acknowledged writes found on the new master").isEqualTo(keys.size());
	}

	private static void assertNothingWrittenSince(RedisNode oldMaster, SteadyWriter writer, long since) {
		List<String> keys = writer.acknowledgedSentAfter(since).stream().map(SteadyWriter.Write::key).toList();
		assertThat(keys).isNotEmpty();
		// once Sentinel has converted it, a replica holds the new master's data: look
		// before that
		String roleBefore = NodeCommands.role(oldMaster, PASSWORD);
		long found = NodeCommands.on(oldMaster, PASSWORD,
				(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
		String roleAfter = NodeCommands.role(oldMaster, PASSWORD);
		assertThat(List.of(roleBefore, roleAfter)).as("the old master was still a master while we looked")
			.containsOnly("master");
		assertThat(found).as("writes that reached the old master after the switch").isZero();
	}

	private static RedisEndpoint endpoint(RedisNode node) {
		return new RedisEndpoint(node.host(), node.port());
	}

	@FunctionalInterface
	interface Scenario {

		void run(AssertableApplicationContext context, SteadyWriter writer) throws Exception;

	}

}
