package io.github.redisha.connection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * A parsed {@code REDIS_URL}, in Lettuce's {@code RedisURI} syntax:
 * {@code redis://[[user:]password@]host[:port][/db]}, {@code rediss://} for TLS, and
 * {@code redis-sentinel://[[user:]password@]host1[:port1],host2[:port2][/db]#master}
 * ({@code rediss-sentinel://} for TLS). As in Lettuce, credentials are the data-node
 * credentials, {@code ?database=} / {@code ?db=} win over the path and
 * {@code ?sentinelMasterId=} names the master like the fragment does.
 *
 * @author redis-ha
 */
final class RedisUrl {

	private static final String SYNTAX = "Write it as redis://[user:password@]host:port[/db], rediss://... for TLS, "
			+ "or redis-sentinel://[user:password@]host1:26379,host2:26379[/db]#mastername for Sentinel "
			+ "(rediss-sentinel:// for TLS); percent-encode special characters in the password (@ as %40).";

	private static final String MASK = "****";

	private final boolean sentinel;

	private final boolean tls;

	private final List<RedisEndpoint> endpoints;

	private final @Nullable Integer database;

	private final @Nullable String username;

	private final @Nullable String password;

	private final @Nullable String masterName;

	private RedisUrl(boolean sentinel, boolean tls, List<RedisEndpoint> endpoints, @Nullable Integer database,
			@Nullable String username, @Nullable String password, @Nullable String masterName) {
		this.sentinel = sentinel;
		this.tls = tls;
		this.endpoints = endpoints;
		this.database = database;
		this.username = username;
		this.password = password;
		this.masterName = masterName;
	}

	/**
	 * Parse a URL.
	 * @param url the URL, possibly holding a password
	 * @return the parsed URL
	 * @throws RedisHaConfigurationException naming the problem, with the password masked
	 */
	static RedisUrl parse(String url) {
		String value = url.trim();
		int schemeEnd = value.indexOf("://");
		if (schemeEnd < 1) {
			throw invalid(value, "it has no scheme such as redis://");
		}
		String scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
		boolean sentinel = scheme.equals("redis-sentinel") || scheme.equals("rediss-sentinel");
		boolean tls = scheme.equals("rediss") || scheme.equals("redis+ssl") || scheme.equals("rediss-sentinel");
		if (!sentinel && !tls && !scheme.equals("redis")) {
			throw invalid(value, "the scheme '" + scheme + "' is not supported (use redis, rediss, redis-sentinel "
					+ "or rediss-sentinel)");
		}
		String rest = value.substring(schemeEnd + 3);
		// the last '@' ends the credentials, so an unencoded '@', '/' or '#' in a
		// password still parses
		int at = rest.lastIndexOf('@');
		String userInfo = (at >= 0) ? rest.substring(0, at) : null;
		rest = rest.substring(at + 1);
		int hash = rest.indexOf('#');
		String fragment = (hash >= 0) ? decode(rest.substring(hash + 1)) : null;
		rest = (hash >= 0) ? rest.substring(0, hash) : rest;
		int question = rest.indexOf('?');
		String query = (question >= 0) ? rest.substring(question + 1) : "";
		rest = (question >= 0) ? rest.substring(0, question) : rest;
		int slash = rest.indexOf('/');
		String hosts = (slash >= 0) ? rest.substring(0, slash) : rest;
		Integer database = (slash >= 0) ? database(value, rest.substring(slash + 1)) : null;
		String masterName = StringUtils.hasText(fragment) ? fragment : null;
		for (String parameter : query.split("[&;]")) {
			if (parameter.isEmpty()) {
				continue;
			}
			int equals = parameter.indexOf('=');
			String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			String parameterValue = (equals >= 0) ? decode(parameter.substring(equals + 1)) : "";
			if (name.equalsIgnoreCase("database") || name.equals("db")) {
				database = database(value, parameterValue);
			}
			else if (name.equalsIgnoreCase("sentinelMasterId") && StringUtils.hasText(parameterValue)) {
				masterName = parameterValue;
			}
			else {
				throw unsupportedParameter(value, name);
			}
		}
		List<RedisEndpoint> endpoints = endpoints(value, hosts, sentinel);
		if (sentinel && masterName == null) {
			throw invalid(value, "a Sentinel URL needs the master name after '#'");
		}
		if (!sentinel && masterName != null) {
			throw invalid(value, "a master name (#" + masterName + ") only applies to redis-sentinel:// URLs");
		}
		String[] credentials = credentials(userInfo);
		return new RedisUrl(sentinel, tls, endpoints, database, credentials[0], credentials[1],
				(masterName != null) ? masterName.trim() : null);
	}

	private static List<RedisEndpoint> endpoints(String url, String hosts, boolean sentinel) {
		if (!StringUtils.hasText(hosts)) {
			throw invalid(url, "it has no host");
		}
		String masked = mask(url);
		String action = "Check the host and port in REDIS_URL. " + SYNTAX;
		List<RedisEndpoint> endpoints = new ArrayList<>();
		for (String entry : hosts.split(",", -1)) {
			if (!StringUtils.hasText(entry)) {
				throw invalid(url, "it has an empty host entry");
			}
			endpoints.add(EndpointParser.parse(entry.trim(), sentinel ? 26379 : 6379,
					RedisHaProperties.URL + " '" + masked + "'", action));
		}
		if (!sentinel && endpoints.size() > 1) {
			throw invalid(url, "a redis:// URL names one Redis node but it lists " + endpoints.size()
					+ "; for Sentinel use redis-sentinel://host1:26379,host2:26379#mastername");
		}
		return List.copyOf(endpoints);
	}

	private static @Nullable Integer database(String url, String value) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			int database = Integer.parseInt(value);
			if (database >= 0) {
				return database;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(url, "the database '" + value + "' is not a database index (0 or more)");
	}

	private static @Nullable String[] credentials(@Nullable String userInfo) {
		if (!StringUtils.hasLength(userInfo)) {
			return new String[2];
		}
		// Lettuce's rule: "user:password", ":password" or a bare "password"
		int colon = userInfo.indexOf(':');
		String username = (colon > 0) ? decode(userInfo.substring(0, colon)) : null;
		String password = decode((colon >= 0) ? userInfo.substring(colon + 1) : userInfo);
		if (password.isEmpty()) {
			return new String[2];
		}
		return new String[] { username, password };
	}

	private static String decode(String value) {
		// percent-decoding only: a '+' in a password is a plus, not a space
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	/**
	 * The URL with its password replaced by {@code ****}; safe to log. Works on any
	 * string, parseable or not.
	 * @param url the URL
	 * @return the masked URL
	 */
	static String mask(String url) {
		int at = url.lastIndexOf('@');
		if (at < 0) {
			return url;
		}
		int schemeEnd = url.indexOf("://");
		int start = (schemeEnd >= 0 && schemeEnd < at) ? schemeEnd + 3 : 0;
		String userInfo = url.substring(start, at);
		int colon = userInfo.indexOf(':');
		String user = (colon > 0) ? userInfo.substring(0, colon + 1) : "";
		return url.substring(0, start) + user + MASK + url.substring(at);
	}

	private static RedisHaConfigurationException invalid(String url, String reason) {
		return new RedisHaConfigurationException(
				RedisHaProperties.URL + " '" + mask(url) + "' is invalid: " + reason + ".",
				"Fix REDIS_URL, or remove it and use the individual REDIS_* variables. " + SYNTAX);
	}

	private static RedisHaConfigurationException unsupportedParameter(String url, String name) {
		String instead = switch (name.toLowerCase(Locale.ROOT)) {
			case "timeout" -> " and set spring.data.redis.timeout instead";
			case "clientname" -> " and set spring.data.redis.client-name instead";
			case "verifypeer" -> " and configure certificate checks with an SSL bundle (spring.data.redis.ssl.bundle)";
			default -> "";
		};
		return new RedisHaConfigurationException(
				RedisHaProperties.URL + " '" + mask(url) + "' has the query parameter '" + name
						+ "', which redis-ha does not take from the URL.",
				"Remove '" + name + "' from REDIS_URL" + instead
						+ ". REDIS_URL takes only ?database= (or ?db=) and ?sentinelMasterId=.");
	}

	boolean isSentinel() {
		return this.sentinel;
	}

	boolean isTls() {
		return this.tls;
	}

	List<RedisEndpoint> endpoints() {
		return this.endpoints;
	}

	@Nullable Integer database() {
		return this.database;
	}

	@Nullable String username() {
		return this.username;
	}

	@Nullable String password() {
		return this.password;
	}

	@Nullable String masterName() {
		return this.masterName;
	}

}
