package io.github.redisha.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.SentinelTopology;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Starts the applications compared: one with the redis-ha starter (configured through its
 * {@code redis.*} settings, as {@code REDIS_*} would), one with Spring Boot's Redis
 * auto-configuration alone ({@code spring.data.redis.sentinel.*} or
 * {@code spring.data.redis.cluster.*}, every redis-ha auto-configuration excluded, Boot's
 * defaults otherwise), and that one again with a 2 s command timeout.
 *
 * @author redis-ha
 */
final class Clients {

	private Clients() {
	}

	enum Kind {

		STARTER("redis-ha"), PLAIN("plain Boot"), PLAIN_2S("plain Boot, timeout 2 s");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	static Client start(Kind kind, SentinelTopology topology, Map<String, Object> extra) {
		return start(kind, topology, topology.sentinelAddresses(), extra);
	}

	/**
	 * Starts an application on a Sentinel topology, given these Sentinel addresses (e.g.
	 * the topology's Service address only).
	 * @param kind which application
	 * @param topology the topology
	 * @param sentinels the Sentinel addresses the application is given
	 * @param extra more properties
	 * @return the running application
	 */
	static Client start(Kind kind, SentinelTopology topology, String sentinels, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (kind == Kind.STARTER) {
			properties.put("redis.sentinel.enabled", "true");
			properties.put("redis.sentinels", sentinels);
			properties.put("redis.master-name", topology.masterName());
			properties.put("redis.password", topology.password());
			properties.put("redis.sentinel.password", topology.sentinelPassword());
		}
		else {
			properties.put("spring.data.redis.sentinel.master", topology.masterName());
			properties.put("spring.data.redis.sentinel.nodes", sentinels);
			properties.put("spring.data.redis.sentinel.password", topology.sentinelPassword());
			properties.put("spring.data.redis.password", topology.password());
		}
		return run(kind, properties, extra);
	}

	/**
	 * Starts an application on a Redis Cluster: the starter through
	 * {@code redis.cluster.*} (as {@code REDIS_CLUSTER_*} would), plain Boot through
	 * {@code spring.data.redis.cluster.nodes} with Boot's defaults.
	 * @param kind which application
	 * @param cluster the cluster
	 * @param extra more properties
	 * @return the running application
	 */
	static Client startCluster(Kind kind, ClusterTopology cluster, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (kind == Kind.STARTER) {
			properties.put("redis.cluster.enabled", "true");
			properties.put("redis.cluster.nodes", cluster.seedAddresses());
			properties.put("redis.password", cluster.password());
		}
		else {
			properties.put("spring.data.redis.cluster.nodes", cluster.seedAddresses());
			properties.put("spring.data.redis.password", cluster.password());
		}
		return run(kind, properties, extra);
	}

	private static Client run(Kind kind, Map<String, Object> connection, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.io.github.redisha", "INFO");
		properties.put("logging.pattern.console", "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
		// commons-pool2 is on the classpath for the pooled planned failover: pool only
		// where asked
		properties.put("spring.data.redis.lettuce.pool.enabled", "false");
		if (kind != Kind.STARTER) {
			properties.put("spring.autoconfigure.exclude", String.join(",", redisHaAutoConfigurations()));
		}
		if (kind == Kind.PLAIN_2S) {
			properties.put("spring.data.redis.timeout", "2s");
		}
		properties.putAll(connection);
		properties.putAll(extra);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run();
		return new Client(kind, context);
	}

	/**
	 * Every auto-configuration the redis-ha jar registers, so that plain Boot runs
	 * without any of them.
	 * @return the class names of the auto-configurations
	 */
	static List<String> redisHaAutoConfigurations() {
		List<String> names = new ArrayList<>();
		try {
			Enumeration<URL> files = Clients.class.getClassLoader()
				.getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
			while (files.hasMoreElements()) {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
					reader.lines()
						.map(String::trim)
						.filter((line) -> line.startsWith("io.github.redisha."))
						.forEach(names::add);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the auto-configuration imports", ex);
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("no redis-ha auto-configuration found on the classpath");
		}
		return names;
	}

	/**
	 * A running application.
	 *
	 * @param kind which one
	 * @param context its context
	 */
	record Client(Kind kind, ConfigurableApplicationContext context) implements AutoCloseable {

		StringRedisTemplate template() {
			return new StringRedisTemplate(this.context.getBean(RedisConnectionFactory.class));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
