package io.github.redisha.test.spring;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.SentinelService;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The plain hook behind {@link RedisServiceConnection @RedisServiceConnection}, for
 * contexts the Spring TestContext framework does not create:
 * {@code ApplicationContextRunner} tests and {@code SpringApplication}s started by hand.
 *
 * <pre>{@code
 * contextRunner.withInitializer(RedisServiceConnections.initializer(topology))
 *     .withPropertyValues("redis.health.cache-time-to-live=0")
 *     .run((context) -> ...);
 * }</pre>
 *
 * @author redis-ha
 */
public final class RedisServiceConnections {

	private RedisServiceConnections() {
	}

	/**
	 * An initializer that contributes the topology's settings as {@code redis.*}
	 * properties (Sentinel mode, the Sentinel addresses, master name and passwords),
	 * ranked as described on {@link RedisServiceConnection}.
	 * @param topology the running topology
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(SentinelTopology topology) {
		return of(topology);
	}

	/**
	 * An initializer that gives the application the Sentinels through their Service
	 * address only ({@code redis.sentinels} = {@link SentinelService#address()}), as an
	 * application on Kubernetes given {@code redis-sentinel:26379}; otherwise as
	 * {@link #initializer(SentinelTopology)}.
	 * @param service the topology's {@link SentinelTopology#service() service}
	 * @return the initializer
	 * @since 0.2.0
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(SentinelService service) {
		return of(service);
	}

	/**
	 * An initializer that contributes the server's settings as {@code redis.*} properties
	 * (standalone mode, host, port, password), ranked as described on
	 * {@link RedisServiceConnection}.
	 * @param redis the running server
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(StandaloneRedis redis) {
		return of(redis);
	}

	/**
	 * An initializer that contributes the cluster's settings as {@code redis.*}
	 * properties (cluster mode, every node as a seed, password), ranked as described on
	 * {@link RedisServiceConnection}.
	 * @param cluster the running cluster
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(ClusterTopology cluster) {
		return of(cluster);
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> of(Object topology) {
		return (context) -> TopologyProperties.addTo(context.getEnvironment(), topology);
	}

}
