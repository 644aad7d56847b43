package io.github.redisha.connection;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.spring.RedisServiceConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

/**
 * The starter on a real 3×1 Redis Cluster held by a static field with
 * {@code @RedisServiceConnection}.
 */
@SpringBootTest(classes = ClusterFieldServiceConnectionIT.App.class, webEnvironment = WebEnvironment.NONE)
class ClusterFieldServiceConnectionIT {

	@RedisServiceConnection
	static final ClusterTopology cluster = RedisTopologies.cluster().password("field-connection-secret").start();

	@Autowired
	private ApplicationContext context;

	@AfterAll
	static void close() {
		cluster.close();
	}

	@Test
	void springBootTestConnectsToTheFieldsCluster() {
		ClusterServiceConnectionCheck.assertConnectedInClusterMode(this.context, cluster, "it:svc:field");
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class })
	static class App {

	}

}
