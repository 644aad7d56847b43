package io.github.redisha.test.spring;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain hook for {@code ApplicationContextRunner} tests and
 * {@code @RedisServiceConnection} on {@code @Bean} methods.
 */
@RedisStandalone(password = "runner-secret")
class RedisServiceConnectionsIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner();

	@Test
	void initializerContributesTheServersProperties(StandaloneRedis redis) {
		this.contextRunner.withInitializer(RedisServiceConnections.initializer(redis)).run((context) -> {
			assertThat(context.getEnvironment().getProperty("redis.sentinel.enabled")).isEqualTo("false");
			assertThat(context.getEnvironment().getProperty("redis.port", Integer.class))
				.isEqualTo(redis.node().port());
			assertThat(Ping.role(context.getEnvironment().getProperty("redis.host"),
					context.getEnvironment().getProperty("redis.port", Integer.class),
					context.getEnvironment().getProperty("redis.password")))
				.isEqualTo("master");
		});
	}

	@Test
	void propertiesOfTheTestWinAndTheMachinesEnvironmentDoesNot(StandaloneRedis redis) {
		this.contextRunner.withSystemProperties("redis.host=system-property-host")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("REDIS_PORT", "1", "REDIS_PASSWORD", "from-the-machine"))))
			.withInitializer(RedisServiceConnections.initializer(redis))
			.withPropertyValues("redis.password=set-by-the-test")
			.run((context) -> {
				assertThat(context.getEnvironment().getProperty("redis.host")).isEqualTo("127.0.0.1");
				assertThat(context.getEnvironment().getProperty("redis.port", Integer.class))
					.isEqualTo(redis.node().port());
				assertThat(context.getEnvironment().getProperty("redis.password")).isEqualTo("set-by-the-test");
			});
	}

	@Test
	void beanMethodTopologyIsStartedBeforeOtherBeansAndClosedWithTheContext() {
		AtomicReference<StandaloneRedis> started = new AtomicReference<>();
		this.contextRunner.withConfiguration(AutoConfigurations.of(RedisServiceConnectionAutoConfiguration.class))
			.withUserConfiguration(TopologyBean.class)
			.withBean(AtomicReference.class, () -> started)
			.run((context) -> {
				StandaloneRedis redis = context.getBean(StandaloneRedis.class);
				started.set(redis);
				assertThat(context.getBean("portSeenByAnotherBean")).isEqualTo(String.valueOf(redis.node().port()));
				assertThat(redis.node().isRunning()).isTrue();
			});
		assertThat(started.get().node().isRunning()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class TopologyBean {

		@Bean
		@RedisServiceConnection
		StandaloneRedis redis() {
			return RedisTopologies.standalone().start();
		}

		@Bean
		String portSeenByAnotherBean(Environment environment) {
			return environment.getProperty("redis.port");
		}

	}

}
