package io.github.redisha.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SteadyWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code REDIS_READ_FROM=replica-preferred} against a real Sentinel topology: reads are
 * served by replicas (counted with {@code INFO commandstats} on each node), writes and
 * transactions by the master, and reads keep working without an error when a replica
 * dies.
 */
@RedisSentinelTopology
class ReplicaReadsIT {

	private static final String PASSWORD = "data-secret";

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
				RedisHaSentinelAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class));

	@AfterEach
	void restore(SentinelTopology topology) {
		topology.restore(Duration.ofSeconds(60));
	}

	@Test
	void readsGoToReplicasWritesAndTransactionsToTheMaster(SentinelTopology topology) {
		run(topology, (template) -> {
			RedisNode master = topology.master();
			List<RedisNode> replicas = topology.replicas();
			template.opsForValue().set("routing:key", "value");
			await().atMost(TIMEOUT).until(() -> "value".equals(template.opsForValue().get("routing:key")));

			long masterGets = calls(master, "get");
			long replicaGets = calls(replicas, "get");
			for (int i = 0; i < 200; i++) {
				assertThat(template.opsForValue().get("routing:key")).isEqualTo("value");
			}
			assertThat(calls(replicas, "get") - replicaGets).as("GETs served by replicas").isGreaterThanOrEqualTo(200);
			assertThat(calls(master, "get") - masterGets).as("GETs served by the master").isZero();

			long masterSets = calls(master, "set");
			long masterExecs = calls(master, "exec");
			template.opsForValue().set("routing:write", "1");
			List<Object> results = template.execute(new SessionCallback<List<Object>>() {

				@Override
				@SuppressWarnings({ "unchecked", "rawtypes" })
				public List<Object> execute(RedisOperations operations) throws DataAccessException {
					operations.multi();
					operations.opsForValue().set("routing:tx", "1");
					operations.opsForValue().get("routing:tx");
					return operations.exec();
				}

			});
			assertThat(results).hasSize(2);
			assertThat(calls(master, "set") - masterSets).as("SETs served by the master").isEqualTo(2);
			// (replicas count the transaction too, when the master propagates it to them)
			assertThat(calls(master, "exec") - masterExecs).as("transactions on the master").isEqualTo(1);
		});
	}

	@Test
	void readsKeepWorkingWhenAReplicaDies(SentinelTopology topology) {
		readsSurvive(topology, RedisNode::kill);
	}

	@Test
	void readsKeepWorkingWhenAReplicaFreezes(SentinelTopology topology) {
		// the frozen replica keeps its connections open: reads sent to it wait until the
		// sentinels report
		// it down, then the master answers them
		readsSurvive(topology, RedisNode::freeze);
	}

	private void readsSurvive(SentinelTopology topology, Consumer<RedisNode> fault) {
		run(topology, (template) -> {
			template.opsForValue().set("routing:survivor", "value");
			await().atMost(TIMEOUT).until(() -> "value".equals(template.opsForValue().get("routing:survivor")));
			List<RedisNode> replicas = topology.replicas();
			Map<RedisNode, Long> before = Map.of(replicas.get(0), calls(replicas.get(0), "get"), replicas.get(1),
					calls(replicas.get(1), "get"));
			for (int i = 0; i < 50; i++) {
				template.opsForValue().get("routing:survivor");
			}
			// replica-preferred reads from one replica while it lives: that is the one to
			// break
			RedisNode serving = (calls(replicas.get(0), "get") - before.get(replicas.get(0)) >= 50) ? replicas.get(0)
					: replicas.get(1);
			RedisNode other = (serving == replicas.get(0)) ? replicas.get(1) : replicas.get(0);
			long otherBefore = calls(other, "get");
			fault.accept(serving);

			List<String> errors = new ArrayList<>();
			// past the sentinels' down-after (1 s), bounded in count and time
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			for (int i = 0; i < 600 && System.nanoTime() < deadline; i++) {
				try {
					String value = template.opsForValue().get("routing:survivor");
					if (!"value".equals(value)) {
						errors.add("read " + i + " returned " + value);
					}
				}
				catch (RuntimeException ex) {
					errors.add("read " + i + ": " + ex);
				}
				sleep(5);
			}
			assertThat(errors).as("read errors with one replica down").isEmpty();
			assertThat(calls(other, "get") - otherBefore).as("GETs served by the surviving replica").isGreaterThan(0);
		});
	}

	@Test
	void writesAndReadsFollowAFailover() throws Exception {
		// its own topology: the shared one must not have a recent failover behind it
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.password(PASSWORD)
			.sentinelPassword("sentinel-secret")
			.start()) {
			writesAndReadsFollowAFailover(topology);
		}
	}

	private void writesAndReadsFollowAFailover(SentinelTopology topology) {
		connectedTo(topology).run((context) -> {
			StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			template.opsForValue().set("routing:failover", "value");
			await().atMost(TIMEOUT).until(() -> "value".equals(template.opsForValue().get("routing:failover")));
			SteadyWriter writer = new SteadyWriter(template, "routing-" + System.nanoTime());
			List<String> readErrors = new ArrayList<>();
			try {
				await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
				RedisNode oldMaster = topology.master();
				oldMaster.kill();
				RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
				FailoverHistory history = context.getBean(FailoverHistory.class);
				await().atMost(TIMEOUT)
					.until(() -> history.currentMaster()
						.equals(java.util.Optional.of(new RedisEndpoint(newMaster.host(), newMaster.port()))));
				long switched = System.nanoTime();
				for (int i = 0; i < 200; i++) {
					try {
						assertThat(template.opsForValue().get("routing:failover")).isEqualTo("value");
					}
					catch (RuntimeException ex) {
						readErrors.add("read " + i + ": " + ex);
					}
					sleep(5);
				}
				await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(switched).size() >= 40);
				List<String> keys = writer.acknowledgedSentAfter(switched)
					.stream()
					.map(SteadyWriter.Write::key)
					.toList();
				long present = NodeCommands.on(newMaster, PASSWORD,
						(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
				assertThat(present).as("acknowledged writes found on the new master").isEqualTo(keys.size());
			}
			finally {
				writer.close();
			}
			assertThat(writer.failures()).as("write errors").isEmpty();
			assertThat(readErrors).as("read errors").isEmpty();
		});
	}

	private ApplicationContextRunner connectedTo(SentinelTopology topology) {
		return this.contextRunner.withInitializer(RedisServiceConnections.initializer(topology))
			.withPropertyValues("redis.read-from=replica-preferred");
	}

	private void run(SentinelTopology topology, Consumer<StringRedisTemplate> scenario) {
		connectedTo(topology).run((AssertableApplicationContext context) -> {
			assertThat(context).hasNotFailed();
			scenario.accept(new StringRedisTemplate(context.getBean(RedisConnectionFactory.class)));
		});
	}

	private static long calls(List<RedisNode> nodes, String command) {
		return nodes.stream().filter(RedisNode::isRunning).mapToLong((node) -> calls(node, command)).sum();
	}

	private static long calls(RedisNode node, String command) {
		return NodeCommands.calls(node, PASSWORD, command);
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
