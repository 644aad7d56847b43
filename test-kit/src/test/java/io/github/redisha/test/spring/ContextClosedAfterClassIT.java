package io.github.redisha.test.spring;

import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.StandaloneRedis;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A context wired by {@code @RedisServiceConnection} on a test class is closed after the
 * class, with the topology, instead of staying in Spring's context cache connected to
 * servers that are gone.
 */
class ContextClosedAfterClassIT {

	@Test
	void contextAndTopologyAreClosedAfterTheClass() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(WiredTest.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(1).failed(0));
		assertThat(WiredTest.context).isNotNull();
		assertThat(WiredTest.context.isActive()).isFalse();
		assertThat(WiredTest.redis.node().isRunning()).isFalse();
	}

	/**
	 * Run only through the engine test kit above: nested classes are not picked up by
	 * Failsafe on their own.
	 */
	@SpringJUnitConfig
	@RedisStandalone
	@RedisServiceConnection
	static class WiredTest {

		static ConfigurableApplicationContext context;

		static StandaloneRedis redis;

		@Autowired
		private ConfigurableApplicationContext applicationContext;

		@Test
		void isWired(StandaloneRedis redis) {
			context = this.applicationContext;
			WiredTest.redis = redis;
			assertThat(this.applicationContext.getEnvironment().getProperty("redis.port", Integer.class))
				.isEqualTo(redis.node().port());
		}

		@Configuration(proxyBeanMethods = false)
		static class Config {

		}

	}

}
