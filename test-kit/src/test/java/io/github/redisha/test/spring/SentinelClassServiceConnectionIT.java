package io.github.redisha.test.spring;

import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RedisServiceConnection} on a test class: the context gets the {@code redis.*}
 * properties of the very topology its {@code @RedisSentinelTopology} started and injects
 * into the test methods.
 */
@SpringJUnitConfig
@RedisSentinelTopology(masterName = "orders")
@RedisServiceConnection
class SentinelClassServiceConnectionIT {

	@Autowired
	private Environment environment;

	@Test
	void contextHasTheRedisPropertiesOfTheInjectedTopology(SentinelTopology topology) {
		assertThat(this.environment.getProperty("redis.sentinel.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("redis.sentinels")).isEqualTo(topology.sentinelAddresses());
		assertThat(this.environment.getProperty("redis.master-name")).isEqualTo("orders");
		assertThat(this.environment.getProperty("redis.password")).isEqualTo(topology.password());
		assertThat(this.environment.getProperty("redis.sentinel.password")).isEqualTo(topology.sentinelPassword());
	}

	@Test
	void theSentinelsOfThePropertiesReportTheTopologysMaster(SentinelTopology topology) {
		String firstSentinel = this.environment.getProperty("redis.sentinels").split(",")[0];
		assertThat(
				Ping.masterAddressFromSentinel(firstSentinel, this.environment.getProperty("redis.sentinel.password"),
						this.environment.getProperty("redis.master-name")))
			.isEqualTo(topology.master().address());
	}

	@Nested
	class NestedTests {

		@Autowired
		private Environment nestedEnvironment;

		@Test
		void nestedClassesAreWiredToTheEnclosingClasssTopology(SentinelTopology topology) {
			assertThat(this.nestedEnvironment.getProperty("redis.sentinels")).isEqualTo(topology.sentinelAddresses());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
