package io.github.redisha.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Writes on their way to real Redis nodes: a write that reaches a replica
 * ({@code READONLY}) is sent once more, to the master; transactions are not; safe writes
 * are acknowledged only once {@code WAIT} confirms the replicas.
 */
@RedisSentinelTopology
class WriteInterceptionIT {

	private static final String PASSWORD = "data-secret";

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void restore(SentinelTopology topology) throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
		topology.restore(Duration.ofSeconds(60));
	}

	@Test
	void writeRejectedByAReplicaIsSentOnceMoreToTheMaster(SentinelTopology topology) {
		RedisNode master = topology.master();
		RedisNode replica = topology.replicas().get(0);
		AtomicInteger retries = new AtomicInteger();
		ClientChannels channels = sentinelChannels(topology, retries);
		channels.sentinelSide().masterVerified(endpoint(master));

		// a connection that (like one resolved through a lagging sentinel) goes to a
		// replica
		RedisCommands<String, String> redis = connect(channels, replica);
		assertThat(redis.set("readonly:first", "1")).isEqualTo("OK");
		assertThat(redis.set("readonly:second", "2")).isEqualTo("OK");

		assertThat(retries).hasValue(1);
		assertThat(channels.fenced()).containsExactly(endpoint(replica));
		List<String> onMaster = NodeCommands.on(master, PASSWORD,
				(node) -> node.mget("readonly:first", "readonly:second")
					.stream()
					.map((value) -> value.getValueOrElse(null))
					.toList());
		assertThat(onMaster).containsExactly("1", "2");
	}

	@Test
	void transactionRejectedByAReplicaIsNotRetried(SentinelTopology topology) {
		RedisNode master = topology.master();
		RedisNode replica = topology.replicas().get(1);
		AtomicInteger retries = new AtomicInteger();
		ClientChannels channels = sentinelChannels(topology, retries);
		channels.sentinelSide().masterVerified(endpoint(master));

		RedisCommands<String, String> redis = connect(channels, replica);
		redis.multi();
		redis.set("readonly:tx", "1");
		// the replica rejects the queued SET with READONLY, so EXEC discards the whole
		// transaction
		assertThatExceptionOfType(RedisException.class).isThrownBy(redis::exec).withMessageStartingWith("EXECABORT");
		assertThat(retries).hasValue(0);
	}

	@Test
	void safeWritesAreAcknowledgedOnlyOnceTheReplicasHaveThem(SentinelTopology topology) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
							RedisHaFailoverAutoConfiguration.class, RedisHaSentinelAutoConfiguration.class))
			.withInitializer(RedisServiceConnections.initializer(topology))
			.withPropertyValues("redis.failover.safe-write.replicas=2", "redis.failover.safe-write.timeout=300ms")
			.run((context) -> {
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				template.opsForValue().set("safe:one", "1");
				for (RedisNode replica : topology.replicas()) {
					// acknowledged means already on every replica
					String value = NodeCommands.on(replica, PASSWORD, (node) -> node.get("safe:one"));
					assertThat(value).isEqualTo("1");
				}
				assertThat(template.opsForValue().get("safe:one")).isEqualTo("1");

				RedisNode frozen = topology.replicas().get(0);
				frozen.freeze();
				assertThatExceptionOfType(RedisSystemException.class)
					.isThrownBy(() -> template.opsForValue().set("safe:two", "2"))
					.havingRootCause()
					.isInstanceOf(UnconfirmedWriteException.class)
					.satisfies((ex) -> {
						assertThat(((UnconfirmedWriteException) ex).getRequired()).isEqualTo(2);
						assertThat(((UnconfirmedWriteException) ex).getReached()).isEqualTo(1);
					});
				// applied on the master all the same: only its survival is not confirmed
				assertThat(template.opsForValue().get("safe:two")).isEqualTo("2");
				frozen.thaw();
			});
	}

	private ClientChannels sentinelChannels(SentinelTopology topology, AtomicInteger retries) {
		ClientChannels channels = new ClientChannels(FailoverListeners.of(List.of(new FailoverListener() {

			@Override
			public void readOnlyRetried() {
				retries.incrementAndGet();
			}

		})));
		List<RedisEndpoint> sentinels = topology.sentinels().stream().map(WriteInterceptionIT::endpoint).toList();
		channels.sentinelSide().follow(sentinels, (node) -> {
			// the master is known already: nothing to re-resolve
		});
		return channels;
	}

	private RedisCommands<String, String> connect(ClientChannels channels, RedisNode node) {
		WriteInterception interception = new WriteInterception(channels, true, Duration.ofSeconds(5),
				Duration.ofMillis(10), 0, Duration.ofMillis(100));
		// the production customizer, as the auto-configuration installs it
		ClientResources resources = DefaultClientResources.builder()
			.nettyCustomizer(new FailoverNettyCustomizer(channels, interception, Duration.ofSeconds(5)))
			.build();
		this.closeables.add(() -> resources.shutdown().get());
		RedisClient client = RedisClient.create(resources);
		this.closeables.add(client::shutdown);
		StatefulRedisConnection<String, String> connection = client.connect(RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withPassword(PASSWORD.toCharArray())
			.withTimeout(Duration.ofSeconds(10))
			.build());
		return connection.sync();
	}

	private static RedisEndpoint endpoint(RedisNode node) {
		return new RedisEndpoint(node.host(), node.port());
	}

}
