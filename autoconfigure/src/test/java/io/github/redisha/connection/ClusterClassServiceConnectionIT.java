package io.github.redisha.connection;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.spring.RedisServiceConnection;
import io.github.redisha.test.spring.RedisServiceConnections;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter on a real 3×1 Redis Cluster, wired by the test kit's service connection on
 * a {@code @SpringBootTest} class with {@code @RedisClusterTopology}, and by
 * {@code RedisServiceConnections.initializer(cluster)} for an
 * {@code ApplicationContextRunner} on the same cluster.
 */
@SpringBootTest(classes = ClusterClassServiceConnectionIT.App.class, webEnvironment = WebEnvironment.NONE)
@RedisClusterTopology(password = "class-connection-secret")
@RedisServiceConnection
class ClusterClassServiceConnectionIT {

	@Autowired
	private ApplicationContext context;

	@Test
	void springBootTestConnectsToTheInjectedCluster(ClusterTopology cluster) {
		ClusterServiceConnectionCheck.assertConnectedInClusterMode(this.context, cluster, "it:svc:class");
	}

	@Test
	void applicationContextRunnerConnectsThroughTheInitializer(ClusterTopology cluster) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
			.withInitializer(RedisServiceConnections.initializer(cluster))
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisStartupCheck.class);
				ClusterServiceConnectionCheck.assertConnectedInClusterMode(context, cluster, "it:svc:runner");
			});
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class })
	static class App {

	}

}
