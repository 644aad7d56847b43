package io.github.redisha.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Turns a {@code REDIS_URL} into the individual {@code redis.*} settings it stands for,
 * after checking that no individual setting says something else. The URL decides mode,
 * endpoint(s), TLS and the master name, and the database and data credentials when it
 * carries them; individual settings may fill in what it leaves out (a password kept out
 * of the URL, the sentinels' own credentials), but one that contradicts it is an error:
 * silently preferring either would connect somewhere one of the two settings says not to.
 *
 * @author redis-ha
 */
final class RedisUrlSettings {

	private RedisUrlSettings() {
	}

	/**
	 * Resolve the settings a URL stands for.
	 * @param url the URL
	 * @param binder binds the individual settings as the user set them
	 * @return the {@code redis.*} properties the URL sets
	 * @throws RedisHaConfigurationException if the URL is malformed or an individual
	 * setting contradicts it
	 */
	static Map<String, Object> resolve(String url, Binder binder) {
		RedisUrl parsed = RedisUrl.parse(url);
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("redis.sentinel.enabled", parsed.isSentinel());
		settings.put("redis.ssl", parsed.isTls());
		String endpoints = parsed.endpoints().stream().map(RedisEndpoint::toString).collect(Collectors.joining(","));
		if (parsed.isSentinel()) {
			settings.put("redis.sentinels", endpoints);
			settings.put("redis.master-name", parsed.masterName());
		}
		else {
			settings.put("redis.host", parsed.endpoints().get(0).host());
			settings.put("redis.port", String.valueOf(parsed.endpoints().get(0).port()));
		}
		putIfStated(settings, "redis.database", parsed.database());
		putIfStated(settings, "redis.username", parsed.username());
		putIfStated(settings, "redis.password", parsed.password());
		checkConflicts(url, parsed, settings, binder);
		return settings;
	}

	private static void putIfStated(Map<String, Object> settings, String name, @Nullable Object value) {
		if (value != null) {
			settings.put(name, value);
		}
	}

	private static void checkConflicts(String url, RedisUrl parsed, Map<String, Object> settings, Binder binder) {
		if (binder.bind(RedisClusterProperties.ENABLED.property(), Boolean.class).orElse(false)) {
			// no URL scheme names a cluster: the seeds are REDIS_CLUSTER_NODES
			String mode = parsed.isSentinel() ? "a Sentinel URL" : "a single-node URL";
			throw conflict(url, RedisClusterProperties.ENABLED, "is " + mode
					+ ", which cannot describe a Redis Cluster, and " + RedisClusterProperties.ENABLED + " is true");
		}
		check(url, binder, Setting.of("redis.sentinel.enabled"), parsed.isSentinel(), Boolean.class);
		check(url, binder, Setting.of("redis.ssl"), parsed.isTls(), Boolean.class);
		checkSentinels(url, parsed, binder);
		String port = binder.bind("redis.port", String.class).orElse(null);
		// Kubernetes sets REDIS_PORT=tcp://... for a Service named "redis"; the URL wins
		// over it
		boolean portSet = port != null && !port.trim().startsWith("tcp://");
		if (parsed.isSentinel()) {
			check(url, binder, Setting.of("redis.master-name"), parsed.masterName(), String.class);
			rejectIfSet(url, parsed, binder, Setting.of("redis.host"));
			if (portSet) {
				rejectIfSet(url, parsed, binder, Setting.of("redis.port"));
			}
		}
		else {
			RedisEndpoint endpoint = parsed.endpoints().get(0);
			check(url, binder, Setting.of("redis.host"), endpoint.host(), String.class);
			if (portSet) {
				check(url, binder, Setting.of("redis.port"), endpoint.port(), Integer.class);
			}
		}
		for (String name : List.of("redis.database", "redis.username", "redis.password")) {
			if (settings.containsKey(name)) {
				check(url, binder, Setting.of(name), settings.get(name), settings.get(name).getClass());
			}
		}
	}

	private static void checkSentinels(String url, RedisUrl parsed, Binder binder) {
		List<String> sentinels = binder.bind("redis.sentinels", Bindable.listOf(String.class)).orElse(List.of());
		if (sentinels.isEmpty()) {
			return;
		}
		if (!parsed.isSentinel()) {
			rejectIfSet(url, parsed, binder, Setting.of("redis.sentinels"));
		}
		List<RedisEndpoint> explicit = EndpointParser.parseList(sentinels, RedisHaProperties.SENTINELS.toString());
		if (!explicit.equals(parsed.endpoints())) {
			throw conflict(url, RedisHaProperties.SENTINELS,
					"sentinels " + parsed.endpoints() + " but " + RedisHaProperties.SENTINELS + " is " + explicit);
		}
	}

	private static <T> void check(String url, Binder binder, Setting setting, @Nullable Object expected,
			Class<T> type) {
		String name = setting.property();
		T actual = binder.bind(name, type).orElse(null);
		if (actual == null || Objects.equals(normalize(name, actual), normalize(name, expected))) {
			return;
		}
		boolean secret = name.endsWith("password");
		String says = secret ? "a password and " + setting + " holds a different one"
				: name.substring("redis.".length()) + " '" + expected + "' but " + setting + " is '" + actual + "'";
		throw conflict(url, setting, says);
	}

	private static @Nullable Object normalize(String name, @Nullable Object value) {
		if (value instanceof String text) {
			// host names are case-insensitive; passwords, user and master names are not
			return name.equals("redis.host") ? text.trim().toLowerCase() : text.trim();
		}
		return value;
	}

	private static void rejectIfSet(String url, RedisUrl parsed, Binder binder, Setting setting) {
		if (binder.bind(setting.property(), String.class).isBound()) {
			String mode = parsed.isSentinel() ? "a Sentinel URL" : "a single-node URL";
			throw conflict(url, setting,
					"is " + mode + ", which leaves no room for " + setting + ", and that is set too");
		}
	}

	private static RedisHaConfigurationException conflict(String url, Setting setting, String says) {
		String description = RedisHaProperties.URL + " '" + RedisUrl.mask(url) + "' "
				+ (says.startsWith("is ") ? "" : "sets ") + says + ".";
		return new RedisHaConfigurationException(description,
				"Configure the connection in one place: remove " + setting.variable()
						+ " (REDIS_URL already sets the mode, endpoint, database, credentials and TLS), "
						+ "or remove REDIS_URL and use the individual REDIS_* variables.");
	}

}
