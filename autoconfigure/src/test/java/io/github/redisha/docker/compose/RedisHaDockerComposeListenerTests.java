package io.github.redisha.docker.compose;

import java.util.List;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.lifecycle.DockerComposeServicesReadyEvent;
import org.springframework.boot.docker.compose.lifecycle.ServicesReadyEvents;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link RedisHaDockerComposeListener} receives what Boot's Docker Compose support hands
 * its listeners, and the topology then drives redis-ha's auto-configuration as
 * {@code REDIS_*} would. No Redis is needed: the startup check is off and Lettuce
 * connects lazily.
 */
class RedisHaDockerComposeListenerTests {

	private static final List<RunningService> SENTINELS = List.of(sentinel("redis-sentinel-1", 1),
			sentinel("redis-sentinel-2", 2));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
						RedisHaFailoverAutoConfiguration.class, RedisHaSentinelAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	private static RunningService sentinel(String name, int port) {
		return ComposeService.projectSentinel(name, port, "orders");
	}

	private ApplicationContextRunner composeStarted(List<RunningService> services) {
		return this.contextRunner.withInitializer((context) -> new RedisHaDockerComposeListener()
			.onApplicationEvent(ServicesReadyEvents.of(context, services)));
	}

	@Test
	void springApplicationRegistersTheListener() {
		assertThat(new SpringApplication(Object.class).getListeners())
			.hasAtLeastOneElementOfType(RedisHaDockerComposeListener.class);
	}

	@Test
	void listensOnlyForTheServicesReadyEvent() {
		RedisHaDockerComposeListener listener = new RedisHaDockerComposeListener();
		assertThat(listener.supportsEventType(DockerComposeServicesReadyEvent.class)).isTrue();
		assertThat(listener.supportsEventType(ApplicationPreparedEvent.class)).isFalse();
	}

	@Test
	void composeSentinelsBecomeRedisHaSentinelMode() {
		composeStarted(SENTINELS).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(DataRedisConnectionDetails.class)
				.hasSingleBean(FailoverHistory.class);
			assertThat(context.getBean(DataRedisConnectionDetails.class).getClass().getSimpleName())
				.isEqualTo("RedisHaConnectionDetails");
			RedisSentinelConfiguration sentinel = context.getBean(LettuceConnectionFactory.class)
				.getSentinelConfiguration();
			assertThat(sentinel).isNotNull();
			assertThat(sentinel.getMaster().getName()).isEqualTo("orders");
			assertThat(sentinel.getSentinels()).extracting(RedisNode::getHost, RedisNode::getPort)
				.containsExactly(tuple("127.0.0.1", 1), tuple("127.0.0.1", 2));
			assertThat(sentinel.getPassword().get()).isEqualTo("data-secret".toCharArray());
			assertThat(sentinel.getSentinelPassword().get()).isEqualTo("sentinel-secret".toCharArray());
		});
	}

	@Test
	void composeTopologyWinsOverRedisSettings() {
		composeStarted(SENTINELS)
			.withPropertyValues("redis.sentinel.enabled=false", "redis.sentinels=elsewhere:26379",
					"redis.master-name=other", "redis.read-from=replica-preferred")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getEnvironment().getProperty("redis.master-name")).isEqualTo("orders");
				assertThat(context.getEnvironment().getProperty("redis.sentinels"))
					.isEqualTo("127.0.0.1:1,127.0.0.1:2");
				// settings the compose file does not state are still the application's
				assertThat(context.getEnvironment().getProperty("redis.read-from")).isEqualTo("replica-preferred");
				assertThat(context.getBean(LettuceConnectionFactory.class).getSentinelConfiguration()).isNotNull();
			});
	}

	@Test
	void redisHaDisabledLeavesTheEnvironmentAlone() {
		composeStarted(SENTINELS).withPropertyValues("redis.enabled=false").run((context) -> {
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(ComposeTopologyContributor.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context).doesNotHaveBean(FailoverHistory.class);
		});
	}

	@Test
	void noSentinelInTheComposeFileLeavesTheEnvironmentAlone() {
		composeStarted(List.of(ComposeService.of("postgres", "postgres:16"))).run((context) -> {
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(ComposeTopologyContributor.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context.getBean(LettuceConnectionFactory.class).getSentinelConfiguration()).isNull();
		});
	}

	@Test
	void anAmbiguousComposeFileStopsTheStart() {
		List<RunningService> services = List.of(ComposeService.of("redis-master", "redis:7.2"),
				sentinel("redis-sentinel-1", 1));
		composeStarted(services).run((context) -> assertThat(context).getFailure()
			.isInstanceOf(RedisHaConfigurationException.class)
			.hasMessageContaining("'redis-master'"));
	}

}
