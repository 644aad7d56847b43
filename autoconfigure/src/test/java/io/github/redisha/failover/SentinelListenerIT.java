package io.github.redisha.failover;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Sentinel listener against real Sentinels: it finds the Sentinels that are not
 * configured, survives a Sentinel's death (and follows a failover meanwhile), and
 * re-subscribes when the Sentinel is back.
 */
@RedisSentinelTopology
class SentinelListenerIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisHaFailoverAutoConfiguration.class, RedisHaSentinelAutoConfiguration.class));

	@AfterEach
	void restore(SentinelTopology topology) {
		topology.restore(Duration.ofSeconds(60));
	}

	@Test
	void discoversTheSentinelsThatAreNotConfigured(SentinelTopology topology) {
		Reachable reachable = new Reachable();
		this.contextRunner.withBean(Reachable.class, () -> reachable)
			.withInitializer(RedisServiceConnections.initializer(topology))
			.withPropertyValues("redis.sentinels=" + topology.sentinels().get(0).address())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(reachable.known).hasValue(3);
					assertThat(reachable.reachable).hasValue(3);
				});
			});
	}

	@Test
	void survivesASentinelDyingAndResubscribesWhenItIsBack(SentinelTopology topology) {
		Reachable reachable = new Reachable();
		this.contextRunner.withBean(Reachable.class, () -> reachable)
			.withInitializer(RedisServiceConnections.initializer(topology))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(reachable.reachable).hasValue(3));
				RedisNode sentinel = topology.sentinels().get(0);
				sentinel.kill();
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(reachable.reachable).hasValue(2));

				// two Sentinels are still a quorum: a failover is followed through them
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				template.opsForValue().set("listener:before", "1");
				RedisNode oldMaster = topology.master();
				oldMaster.kill();
				RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
				FailoverHistory history = context.getBean(FailoverHistory.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(history.currentMaster())
						.contains(new RedisEndpoint(newMaster.host(), newMaster.port())));
				template.opsForValue().set("listener:after", "2");
				assertThat(template.opsForValue().get("listener:after")).isEqualTo("2");

				sentinel.start();
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(reachable.reachable).hasValue(3));
			});
	}

	/**
	 * Records what the listener reports about the Sentinels.
	 */
	static class Reachable implements FailoverListener {

		final AtomicInteger reachable = new AtomicInteger(-1);

		final AtomicInteger known = new AtomicInteger(-1);

		@Override
		public void sentinelsReachable(int reachable, int known) {
			this.reachable.set(reachable);
			this.known.set(known);
		}

	}

}
