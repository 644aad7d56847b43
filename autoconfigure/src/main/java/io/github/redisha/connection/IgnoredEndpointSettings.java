package io.github.redisha.connection;

import java.util.List;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.StringUtils;

/**
 * The {@code spring.data.redis.*} endpoint settings that redis-ha's connection details
 * replace. A service that swaps plain Spring Boot for the starter and keeps them is told
 * so at startup, one warning per setting that is set (never its value) naming the
 * {@code REDIS_*} setting to use; and it is refused to start when those settings say
 * where Redis is and nothing of redis-ha's does, rather than silently connecting to
 * {@code localhost:6379}. Only consulted while redis-ha contributes the connection
 * details, so an application's own connection details or factory, a service connection
 * and {@code REDIS_ENABLED=false} are never warned about. Everything else under
 * {@code spring.data.redis} (TLS, timeouts, client name, pool, cluster redirects) still
 * applies and is not listed.
 *
 * @author redis-ha
 */
final class IgnoredEndpointSettings {

	private static final Log logger = LogFactory.getLog(IgnoredEndpointSettings.class);

	private static final String PLAIN_BOOT = "REDIS_ENABLED=false for plain Spring Boot";

	private static final List<Ignored> IGNORED = List.of(
			new Ignored("spring.data.redis.url", false, true, "use " + RedisHaProperties.URL),
			new Ignored("spring.data.redis.host", false, true, "use " + RedisHaProperties.HOST),
			new Ignored("spring.data.redis.port", false, true, "use " + RedisHaProperties.PORT),
			new Ignored("spring.data.redis.database", false, false, "use " + RedisHaProperties.DATABASE),
			new Ignored("spring.data.redis.username", false, false, "use " + Setting.of("redis.username")),
			new Ignored("spring.data.redis.password", false, false, "use " + Setting.of("redis.password")),
			new Ignored("spring.data.redis.sentinel.master", false, true, "use " + RedisHaProperties.MASTER_NAME),
			new Ignored("spring.data.redis.sentinel.nodes", true, true,
					"use " + RedisHaProperties.SENTINELS + " with REDIS_SENTINEL_ENABLED=true"),
			new Ignored("spring.data.redis.sentinel.username", false, false,
					"use " + Setting.of("redis.sentinel.username")),
			new Ignored("spring.data.redis.sentinel.password", false, false,
					"use " + Setting.of("redis.sentinel.password")),
			new Ignored("spring.data.redis.cluster.nodes", true, true,
					"use " + RedisClusterProperties.NODES + " with REDIS_CLUSTER_ENABLED=true"),
			new Ignored("spring.data.redis.masterreplica.nodes", true, true,
					"redis-ha has no static master/replica mode: use Sentinel (" + RedisHaProperties.SENTINELS
							+ " with REDIS_SENTINEL_ENABLED=true)"));

	private IgnoredEndpointSettings() {
	}

	/**
	 * Warn about each ignored setting that is set, or fail when they locate Redis and
	 * redis-ha's own settings do not.
	 * @param binder the application's settings, from every property source
	 * @throws RedisHaConfigurationException if only the ignored settings say where Redis
	 * is
	 */
	static void check(Binder binder) {
		List<Ignored> set = IGNORED.stream().filter((ignored) -> ignored.isSet(binder)).toList();
		if (set.stream().anyMatch(Ignored::locatesRedis) && !redisHaLocatesRedis(binder)) {
			throw new RedisHaConfigurationException(
					String.join(", ", set.stream().map(Ignored::property).toList())
							+ ((set.size() == 1) ? " is" : " are")
							+ " set, but redis-ha ignores Spring Boot's endpoint settings while it is enabled and none "
							+ "of its own (REDIS_HOST, REDIS_PORT, REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES) is "
							+ "set: it would connect to localhost:6379, not where spring.data.redis points.",
					"Configure the connection through redis-ha: " + String.join("; ",
							set.stream().map((ignored) -> ignored.property() + ": " + ignored.instead()).toList())
							+ ". Or set " + PLAIN_BOOT + ".");
		}
		for (Ignored ignored : set) {
			logger.warn("redis-ha: " + ignored.property() + " is set but ignored while redis-ha is enabled; "
					+ ignored.instead() + " instead, or " + PLAIN_BOOT + ".");
		}
	}

	private static boolean redisHaLocatesRedis(Binder binder) {
		return isSet(binder, RedisHaProperties.URL.property(), false)
				|| isSet(binder, RedisHaProperties.HOST.property(), false)
				|| isSet(binder, RedisHaProperties.PORT.property(), false)
				|| isSet(binder, RedisHaProperties.SENTINELS.property(), true)
				|| isSet(binder, RedisClusterProperties.NODES.property(), true)
				|| binder.bind(RedisHaProperties.SENTINEL_ENABLED.property(), Boolean.class).orElse(false)
				|| binder.bind(RedisClusterProperties.ENABLED.property(), Boolean.class).orElse(false);
	}

	private static boolean isSet(Binder binder, String property, boolean list) {
		if (list) {
			// a list is set as a comma-separated value or by index (YAML)
			return binder.bind(property, Bindable.listOf(String.class))
				.map((values) -> values.stream().anyMatch(StringUtils::hasText))
				.orElse(false);
		}
		return binder.bind(property, String.class).map(StringUtils::hasText).orElse(false);
	}

	/**
	 * One ignored setting.
	 *
	 * @param property its property name
	 * @param list whether it is a list
	 * @param locatesRedis whether it says where Redis is (rather than how to log in)
	 * @param instead what to set instead
	 */
	private record Ignored(String property, boolean list, boolean locatesRedis, String instead) {

		boolean isSet(Binder binder) {
			return IgnoredEndpointSettings.isSet(binder, this.property, this.list);
		}

	}

}
