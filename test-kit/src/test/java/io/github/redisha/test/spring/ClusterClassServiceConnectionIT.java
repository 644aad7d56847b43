package io.github.redisha.test.spring;

import java.util.Arrays;
import java.util.List;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RedisServiceConnection} on a test class with {@code @RedisClusterTopology}: the
 * context gets the {@code redis.cluster.*} properties of the very cluster its test
 * methods get injected. {@code PER_CLASS}, so the cluster must be started before the test
 * instance, where Spring loads the context. The same cluster serves the
 * {@code ApplicationContextRunner} hook.
 */
@SpringJUnitConfig
@TestInstance(Lifecycle.PER_CLASS)
@RedisClusterTopology(password = "class-cluster-secret")
@RedisServiceConnection
class ClusterClassServiceConnectionIT {

	@Autowired
	private Environment environment;

	@Test
	void contextHasTheClusterPropertiesOfTheInjectedTopology(ClusterTopology cluster) {
		assertThat(this.environment.getProperty("redis.cluster.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("redis.cluster.nodes")).isEqualTo(cluster.seedAddresses());
		assertThat(this.environment.getProperty("redis.password")).isEqualTo("class-cluster-secret");
		assertThat(this.environment.getProperty("redis.sentinel.enabled")).isNull();
	}

	@Test
	void theNodesOfThePropertiesAreTheClustersPrimariesAndReplicas(ClusterTopology cluster) {
		assertThat(rolesOfTheNodes(this.environment)).containsExactlyElementsOf(roles(cluster));
	}

	@Test
	void initializerContributesTheClustersProperties(ClusterTopology cluster) {
		new ApplicationContextRunner().withInitializer(RedisServiceConnections.initializer(cluster)).run((context) -> {
			assertThat(context.getEnvironment().getProperty("redis.cluster.enabled")).isEqualTo("true");
			assertThat(context.getEnvironment().getProperty("redis.cluster.nodes")).isEqualTo(cluster.seedAddresses());
			assertThat(rolesOfTheNodes(context.getEnvironment())).containsExactlyElementsOf(roles(cluster));
		});
	}

	/**
	 * The role each node of {@code redis.cluster.nodes} reports, asked with
	 * {@code redis.password}.
	 */
	private static List<String> rolesOfTheNodes(Environment environment) {
		String password = environment.getProperty("redis.password");
		return Arrays.stream(environment.getProperty("redis.cluster.nodes").split(",")).map((address) -> {
			String[] hostPort = address.split(":");
			return Ping.role(hostPort[0], Integer.parseInt(hostPort[1]), password);
		}).toList();
	}

	/** The role of every node of the cluster, in start order. */
	private static List<String> roles(ClusterTopology cluster) {
		List<RedisNode> primaries = cluster.primaries();
		return cluster.nodes().stream().map((node) -> primaries.contains(node) ? "master" : "slave").toList();
	}

	@Nested
	class NestedTests {

		@Autowired
		private Environment nestedEnvironment;

		@Test
		void nestedClassesAreWiredToTheEnclosingClasssCluster(ClusterTopology cluster) {
			assertThat(this.nestedEnvironment.getProperty("redis.cluster.nodes")).isEqualTo(cluster.seedAddresses());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
