package io.github.redisha.devservices;

import java.time.Duration;

import io.github.redisha.test.Backend;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnection;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Sentinel topology (1 master, 2 replicas, 3 Sentinels) for the sample app while
 * developing: local processes when the Redis binaries are installed, Docker containers
 * otherwise. It is a bean, so it is closed with the application context, and
 * {@link RedisServiceConnection @RedisServiceConnection} makes it the app's Redis.
 *
 * <p>
 * In a package of its own: the app's component scan ({@code io.github.redisha.sample})
 * must not pick it up in the tests that start the app on a topology of their own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevTopologyConfiguration {

	@Bean
	@RedisServiceConnection
	SentinelTopology redisTopology() {
		Backend backend = Backend.nativeIfInstalled();
		return RedisTopologies.sentinel()
			.backend(backend)
			.password("dev-data-secret")
			.sentinelPassword("dev-sentinel-secret")
			// the test kit's advice for containers: a container start can stall the other
			// nodes for a second
			.downAfter(Duration.ofSeconds((backend == Backend.NATIVE) ? 1 : 3))
			.start();
	}

}
