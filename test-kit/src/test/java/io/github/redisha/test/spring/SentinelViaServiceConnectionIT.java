package io.github.redisha.test.spring;

import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RedisServiceConnection(sentinelsViaService = true)}: the context is given the
 * topology's Service address as its only Sentinel, and a Sentinel reached through it
 * names the topology's master.
 */
@SpringJUnitConfig
@RedisSentinelTopology
@RedisServiceConnection(sentinelsViaService = true)
class SentinelViaServiceConnectionIT {

	@Autowired
	private Environment environment;

	@Test
	void contextIsGivenTheServiceAddressOnly(SentinelTopology topology) {
		assertThat(this.environment.getProperty("redis.sentinels")).isEqualTo(topology.service().address())
			.doesNotContain(",");
		assertThat(this.environment.getProperty("redis.sentinel.password")).isEqualTo(topology.sentinelPassword());
		assertThat(Ping.masterAddressFromSentinel(this.environment.getProperty("redis.sentinels"),
				topology.sentinelPassword(), topology.masterName()))
			.isEqualTo(topology.master().address());
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
