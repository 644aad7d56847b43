package io.github.redisha.connection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;

import org.springframework.util.StringUtils;

/**
 * {@code REDIS_NODE_ZONES}: {@code host:port=zone} pairs, read into the zone of each
 * node.
 *
 * @author redis-ha
 */
final class NodeZoneMap {

	static final Setting NODE_ZONES = Setting.of("redis.node-zones");

	private static final String NODE_ZONES_ACTION = "Write each entry as host:port=zone, separated by commas, "
			+ "with the address as the sentinels or CLUSTER NODES report it, e.g. "
			+ "10.0.0.11:6379=eu-west-1a,10.0.0.12:6379=eu-west-1b.";

	private NodeZoneMap() {
	}

	/**
	 * The zones by node, hosts in lower case.
	 * @param entries the entries of the setting, each one or more comma-separated pairs
	 * @return the zones, in the order given
	 * @throws RedisHaConfigurationException naming the setting if an entry is malformed
	 */
	static Map<RedisEndpoint, String> parse(List<String> entries) {
		Map<RedisEndpoint, String> zones = new LinkedHashMap<>();
		for (String entry : entries) {
			for (String part : entry.split(",")) {
				if (!StringUtils.hasText(part)) {
					continue;
				}
				int equals = part.lastIndexOf('=');
				String zone = (equals >= 0) ? part.substring(equals + 1).trim() : "";
				if (!StringUtils.hasText(zone)) {
					throw new RedisHaConfigurationException(
							NODE_ZONES + " has an invalid entry '" + part.trim() + "': it names no zone after '='.",
							NODE_ZONES_ACTION);
				}
				String address = part.substring(0, equals).trim();
				if (address.startsWith("[") ? address.endsWith("]") : address.indexOf(':') < 0) {
					throw new RedisHaConfigurationException(
							NODE_ZONES + " has an invalid entry '" + part.trim() + "': the address has no port.",
							NODE_ZONES_ACTION);
				}
				RedisEndpoint node = EndpointParser.parse(address, 0, NODE_ZONES.toString(), NODE_ZONES_ACTION);
				zones.put(new RedisEndpoint(node.host().toLowerCase(Locale.ROOT), node.port()), zone);
			}
		}
		return Collections.unmodifiableMap(zones);
	}

}
