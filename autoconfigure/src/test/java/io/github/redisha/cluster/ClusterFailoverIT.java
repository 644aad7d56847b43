package io.github.redisha.cluster;

import java.time.Duration;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import io.github.redisha.failover.FailoverListener;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SteadyWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Primary faults (SIGKILL, freeze, a planned {@code CLUSTER FAILOVER}) on a real 3+3
 * cluster ({@code cluster-node-timeout} 1 s) while the application writes every 5 ms on
 * keys over all slots: the client follows the promoted replica, no error reaches the
 * caller, the writes to the failed-over slots land on the new primary, nothing is sent to
 * the old one once it is a replica, and the meters record the switch. Asserts behaviour,
 * never timings. A fresh cluster per test.
 */
class ClusterFailoverIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static ClusterTopology cluster() {
		return RedisTopologies.cluster().password(ClusterApp.PASSWORD).nodeTimeout(Duration.ofSeconds(1)).start();
	}

	@Test
	void followsThePromotedReplicaWhenAPrimaryIsKilled() {
		try (ClusterTopology cluster = cluster()) {
			run(cluster, (context, writer, switches) -> {
				RedisNode oldPrimary = cluster.primaries().get(0);
				oldPrimary.kill();
				RedisNode newPrimary = awaitSwitch(context, cluster, oldPrimary, switches);
				long switched = System.nanoTime();
				// the dropped connection started the watch: the failover was timed
				assertThat(switches.registry().get("redis.failover.duration").tag("mode", "cluster").timer().count())
					.isEqualTo(1);
				awaitWritesSentAfter(writer, switched);
				// the killed node comes back as a replica of its successor
				oldPrimary.start();
				await().atMost(TIMEOUT).until(() -> "slave".equals(NodeCommands.role(oldPrimary, ClusterApp.PASSWORD)));
				awaitWritesSentAfter(writer, System.nanoTime());
				ClusterApp.assertWritesLandedOn(newPrimary, writer, switched);
			});
		}
	}

	@Test
	void leavesAFrozenPrimaryAsSoonAsItsReplicaIsPromoted() {
		try (ClusterTopology cluster = cluster()) {
			run(cluster, (context, writer, switches) -> {
				RedisNode oldPrimary = cluster.primaries().get(1);
				oldPrimary.freeze();
				RedisNode newPrimary = awaitSwitch(context, cluster, oldPrimary, switches);
				long switched = System.nanoTime();
				awaitWritesSentAfter(writer, switched);
				assertThat(oldPrimary.isFrozen()).isTrue();
				// resumed, it still believes it is the primary until the cluster tells it
				oldPrimary.thaw();
				await().atMost(TIMEOUT).until(() -> "slave".equals(NodeCommands.role(oldPrimary, ClusterApp.PASSWORD)));
				awaitWritesSentAfter(writer, System.nanoTime());
				ClusterApp.assertWritesLandedOn(newPrimary, writer, switched);
			});
		}
	}

	@Test
	void followsAPlannedFailoverWithoutLosingAnAcknowledgedWrite() {
		try (ClusterTopology cluster = cluster()) {
			run(cluster, (context, writer, switches) -> {
				RedisNode oldPrimary = cluster.primaries().get(2);
				RedisNode replica = cluster.replicasOf(oldPrimary).get(0);
				cluster.failover(replica);
				awaitSwitch(context, oldPrimary, replica, switches);
				long switched = System.nanoTime();
				awaitWritesSentAfter(writer, switched);
				ClusterApp.assertWritesLandedOn(replica, writer, switched);
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				List<String> lost = writer.acknowledged()
					.stream()
					.map(SteadyWriter.Write::key)
					.filter((key) -> !key.substring(key.lastIndexOf(':') + 1).equals(template.opsForValue().get(key)))
					.toList();
				assertThat(lost).as("acknowledged writes missing from the cluster").isEmpty();
			});
		}
	}

	private void run(ClusterTopology cluster, Scenario scenario) {
		ClusterApp.runner(cluster).withBean(SwitchRecorder.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ClusterFailoverMonitor.class);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MeterBinder.class).bindTo(registry);
			StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			SteadyWriter writer = new SteadyWriter(template, "it-" + System.nanoTime());
			try {
				await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
				scenario.run(context, writer, () -> registry);
			}
			finally {
				writer.close();
			}
			assertThat(writer.failures()).as("errors seen by the application").isEmpty();
			assertThat(registry.get("redis.failover.master.switches").tag("mode", "cluster").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get("redis.client.recovery").tag("mode", "cluster").timer().count())
				.isGreaterThanOrEqualTo(1);
			assertThat(
					registry.get("redis.cluster.topology.refreshes").tag("cause", "switch").functionCounter().count())
				.isGreaterThanOrEqualTo(1);
		});
	}

	private static RedisNode awaitSwitch(AssertableApplicationContext context, ClusterTopology cluster,
			RedisNode oldPrimary, Meters switches) {
		RedisNode newPrimary = cluster.awaitFailover(oldPrimary, TIMEOUT);
		awaitSwitch(context, oldPrimary, newPrimary, switches);
		return newPrimary;
	}

	private static void awaitSwitch(AssertableApplicationContext context, RedisNode oldPrimary, RedisNode newPrimary,
			Meters switches) {
		await().atMost(TIMEOUT)
			.until(() -> switches.registry()
				.get("redis.failover.master.switches")
				.tag("mode", "cluster")
				.functionCounter()
				.count() >= 1);
		MasterSwitch last = context.getBean(SwitchRecorder.class).last;
		assertThat(last).isNotNull();
		assertThat(last.from()).isEqualTo(new RedisEndpoint(oldPrimary.host(), oldPrimary.port()));
		assertThat(last.to()).isEqualTo(new RedisEndpoint(newPrimary.host(), newPrimary.port()));
		assertThat(last.masterName()).startsWith("slots ");
	}

	private static void awaitWritesSentAfter(SteadyWriter writer, long nanoTime) {
		await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(nanoTime).size() >= 40);
	}

	@FunctionalInterface
	interface Meters {

		MeterRegistry registry();

	}

	@FunctionalInterface
	interface Scenario {

		void run(AssertableApplicationContext context, SteadyWriter writer, Meters switches) throws Exception;

	}

	static final class SwitchRecorder implements FailoverListener {

		private volatile @Nullable MasterSwitch last;

		@Override
		public void masterSwitched(MasterSwitch masterSwitch, @Nullable Duration failoverDuration) {
			this.last = masterSwitch;
		}

	}

}
