package io.github.redisha.test.spring;

import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.StandaloneRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code PER_CLASS}, Spring creates the context while post-processing the test
 * instance, before {@code beforeAll}: the topology is started before the instance, so the
 * service connection finds it.
 */
@SpringJUnitConfig
@TestInstance(Lifecycle.PER_CLASS)
@RedisStandalone
@RedisServiceConnection
class PerClassServiceConnectionIT {

	@Autowired
	private Environment environment;

	@Test
	void contextIsWiredToTheTopology(StandaloneRedis redis) {
		assertThat(this.environment.getProperty("redis.port", Integer.class)).isEqualTo(redis.node().port());
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
