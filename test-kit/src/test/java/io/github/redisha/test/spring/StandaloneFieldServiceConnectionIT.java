package io.github.redisha.test.spring;

import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RedisServiceConnection} on a static field: the context gets the server's
 * {@code redis.*} properties.
 */
@SpringJUnitConfig
class StandaloneFieldServiceConnectionIT {

	@RedisServiceConnection
	static final StandaloneRedis redis = RedisTopologies.standalone().password("field-secret").start();

	@Autowired
	private Environment environment;

	@AfterAll
	static void close() {
		redis.close();
	}

	@Test
	void contextHasTheRedisPropertiesOfTheServer() {
		assertThat(this.environment.getProperty("redis.sentinel.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty("redis.host")).isEqualTo("127.0.0.1");
		assertThat(this.environment.getProperty("redis.port", Integer.class)).isEqualTo(redis.node().port());
		assertThat(this.environment.getProperty("redis.password")).isEqualTo("field-secret");
	}

	@Test
	void thePropertiesReachTheServer() {
		assertThat(Ping.role(this.environment.getProperty("redis.host"),
				this.environment.getProperty("redis.port", Integer.class),
				this.environment.getProperty("redis.password")))
			.isEqualTo("master");
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
