package io.github.redisha.connection;

import java.util.ArrayList;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;

import org.springframework.util.StringUtils;

/**
 * Reads {@link RedisEndpoint}s from settings: {@code host:port} lists, URL hosts and
 * ports given on their own, with errors that name the setting and what to write instead.
 *
 * @author redis-ha
 */
final class EndpointParser {

	private EndpointParser() {
	}

	private static final String LIST_ACTION = "Write each entry as host:port, separated by commas, e.g. "
			+ "node-0:26379,node-1:26379,[::1]:26379.";

	/**
	 * Parse a comma-separated list of {@code host:port} endpoints.
	 * @param entries the entries (each may itself hold commas)
	 * @param setting the setting being parsed, for error messages, e.g.
	 * {@code "REDIS_SENTINELS (redis.sentinels)"}
	 * @return the endpoints, in order, without duplicates
	 * @throws RedisHaConfigurationException if an entry is malformed
	 */
	static List<RedisEndpoint> parseList(List<String> entries, String setting) {
		List<RedisEndpoint> endpoints = new ArrayList<>();
		for (String entry : entries) {
			for (String part : entry.split(",")) {
				if (StringUtils.hasText(part)) {
					RedisEndpoint endpoint = parse(part.trim(), setting);
					if (!endpoints.contains(endpoint)) {
						endpoints.add(endpoint);
					}
				}
			}
		}
		return endpoints;
	}

	/**
	 * Parse one {@code host:port} endpoint.
	 * @param entry the entry
	 * @param setting the setting being parsed, for error messages
	 * @return the endpoint
	 * @throws RedisHaConfigurationException if the entry is malformed
	 */
	static RedisEndpoint parse(String entry, String setting) {
		return parse(entry, setting, LIST_ACTION);
	}

	/**
	 * Parse one {@code host} or {@code host:port} endpoint, as written in a URL.
	 * @param entry the entry
	 * @param defaultPort the port when the entry names none
	 * @param setting the setting being parsed, for error messages
	 * @param action what to tell the user when the entry is malformed
	 * @return the endpoint
	 * @throws RedisHaConfigurationException if the entry is malformed
	 */
	static RedisEndpoint parse(String entry, int defaultPort, String setting, String action) {
		boolean bracketedWithoutPort = entry.startsWith("[") && entry.endsWith("]");
		if (bracketedWithoutPort || (!entry.startsWith("[") && entry.indexOf(':') < 0)) {
			return parse(entry + ":" + defaultPort, setting, action);
		}
		return parse(entry, setting, action);
	}

	private static RedisEndpoint parse(String entry, String setting, String action) {
		String host;
		String port;
		if (entry.startsWith("[")) {
			int close = entry.indexOf(']');
			if (close < 0 || close + 1 >= entry.length() || entry.charAt(close + 1) != ':') {
				throw malformed(entry, setting, "an IPv6 address must be written as [address]:port", action);
			}
			host = entry.substring(1, close);
			port = entry.substring(close + 2);
		}
		else {
			int colon = entry.lastIndexOf(':');
			if (colon < 0) {
				throw malformed(entry, setting, "it has no port", action);
			}
			if (entry.indexOf(':') != colon) {
				throw malformed(entry, setting,
						"it looks like an IPv6 address without brackets; write it as [address]:port", action);
			}
			host = entry.substring(0, colon);
			port = entry.substring(colon + 1);
		}
		if (!StringUtils.hasText(host)) {
			throw malformed(entry, setting, "it has no host", action);
		}
		return new RedisEndpoint(host, parsePort(port, entry, setting, action));
	}

	/**
	 * Parse a port given on its own ({@code REDIS_PORT}): the error speaks of a port, not
	 * of a host:port list.
	 * @param port the value
	 * @param setting the setting, for the message
	 * @return the port
	 * @throws RedisHaConfigurationException if it is not a port number
	 */
	static int parsePort(String port, Setting setting) {
		int value;
		try {
			value = Integer.parseInt(port.trim());
		}
		catch (NumberFormatException ex) {
			value = -1;
		}
		if (value < 1 || value > 65535) {
			throw setting.reject(port, "must be a port number (1-65535)",
					"Set " + setting.variable() + " to the port Redis listens on, e.g. " + setting.variable()
							+ "=6379 (the default); the host goes in REDIS_HOST.");
		}
		return value;
	}

	private static int parsePort(String port, String entry, String setting, String action) {
		int value;
		try {
			value = Integer.parseInt(port.trim());
		}
		catch (NumberFormatException ex) {
			throw malformed(entry, setting, "port '" + port + "' is not a number", action);
		}
		if (value < 1 || value > 65535) {
			throw malformed(entry, setting, "port " + value + " is outside 1-65535", action);
		}
		return value;
	}

	private static RedisHaConfigurationException malformed(String entry, String setting, String reason, String action) {
		return new RedisHaConfigurationException(setting + " has an invalid entry '" + entry + "': " + reason + ".",
				action);
	}

}
