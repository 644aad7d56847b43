package io.github.redisha.connection;

import java.util.concurrent.atomic.AtomicReference;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.spring.RedisServiceConnection;
import io.github.redisha.test.spring.RedisServiceConnectionAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter on a real 3×1 Redis Cluster started by a {@code @RedisServiceConnection}
 * {@code @Bean} method, as a {@code spring-boot:test-run} application would: connected in
 * cluster mode, the cluster closed with the context.
 */
class ClusterBeanServiceConnectionIT {

	@Test
	void beanMethodClusterIsConnectedAndClosedWithTheContext() {
		AtomicReference<ClusterTopology> started = new AtomicReference<>();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisServiceConnectionAutoConfiguration.class,
					RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
			.withUserConfiguration(ClusterBean.class)
			.run((context) -> {
				ClusterTopology cluster = context.getBean(ClusterTopology.class);
				started.set(cluster);
				ClusterServiceConnectionCheck.assertConnectedInClusterMode(context, cluster, "it:svc:bean");
			});
		assertThat(started.get().nodes()).noneMatch(RedisNode::isRunning);
	}

	@Configuration(proxyBeanMethods = false)
	static class ClusterBean {

		@Bean
		@RedisServiceConnection
		ClusterTopology cluster() {
			return RedisTopologies.cluster().password("bean-connection-secret").start();
		}

	}

}
