package io.github.redisha.failover;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.metrics.RedisHaMetricsAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.test.spring.RedisServiceConnections;
import io.github.redisha.testsupport.NodeCommands;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
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
 * A node loading its data set ({@code DEBUG RELOAD} of 200,000 keys, as a replica does in
 * a full resync) answers {@code LOADING} to every command meanwhile, without running it.
 * The application reading through the starter sees no error: each read is held and sent
 * again until the node has loaded, and counted. The node's {@code INFO errorstats} proves
 * it did answer {@code LOADING}.
 */
class LoadingRetryIT {

	private static final String PASSWORD = "data-secret";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void readsRejectedWhileTheNodeLoadsAreSentAgain() {
		try (StandaloneRedis redis = RedisTopologies.standalone()
			.password(PASSWORD)
			.extraServerConfig("enable-debug-command yes", "save \"\"", "loading-process-events-interval-bytes 1024")
			.start()) {
			NodeCommands.on(redis.node(), PASSWORD,
					(node) -> node.dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
							new CommandArgs<>(StringCodec.UTF8).add("POPULATE").add(200_000)));
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
						DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
						RedisHaSentinelAutoConfiguration.class, RedisHaMetricsAutoConfiguration.class))
				.withInitializer(RedisServiceConnections.initializer(redis))
				.withPropertyValues("redis.failover.reconnect-hold-max=30s", "spring.data.redis.timeout=30s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					MeterRegistry registry = new SimpleMeterRegistry();
					context.getBean(MeterBinder.class).bindTo(registry);
					StringRedisTemplate template = new StringRedisTemplate(
							context.getBean(RedisConnectionFactory.class));
					List<String> failures = new CopyOnWriteArrayList<>();
					await().atMost(TIMEOUT).until(() -> {
						readWhileReloading(redis, template, failures);
						return loadingReplies(redis) > 0;
					});
					assertThat(failures).as("errors seen by the application").isEmpty();
					FunctionCounter retried = registry.find("redis.failover.rejected.retries")
						.tag("error", "LOADING")
						.functionCounter();
					assertThat(retried).as("LOADING retries meter").isNotNull();
					assertThat(retried.count()).isEqualTo(loadingReplies(redis));
				});
		}
	}

	private static void readWhileReloading(StandaloneRedis redis, StringRedisTemplate template, List<String> failures) {
		RedisClient client = RedisClient.create(RedisURI.builder()
			.withHost(redis.node().host())
			.withPort(redis.node().port())
			.withPassword(PASSWORD.toCharArray())
			.withTimeout(TIMEOUT)
			.build());
		StatefulRedisConnection<String, String> connection = client.connect();
		CompletableFuture<String> reload = connection.async().debugReload().toCompletableFuture();
		while (!reload.isDone()) {
			try {
				assertThat(template.opsForValue().get("key:1")).isEqualTo("value:1");
			}
			catch (RuntimeException ex) {
				failures.add(String.valueOf(ex));
			}
		}
		try {
			assertThat(reload.join()).isEqualTo("OK");
		}
		finally {
			connection.close();
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static long loadingReplies(StandaloneRedis redis) {
		return NodeCommands.errorReplies(redis.node(), PASSWORD, "LOADING");
	}

}
