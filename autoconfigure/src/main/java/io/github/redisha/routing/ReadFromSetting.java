package io.github.redisha.routing;

import java.util.List;
import java.util.Locale;

import io.github.redisha.internal.Setting;
import io.lettuce.core.ReadFrom;

/**
 * Parses {@code REDIS_READ_FROM}. Names are matched ignoring case, dashes and
 * underscores, so {@code replica-preferred}, {@code REPLICA_PREFERRED} and
 * {@code replicaPreferred} are the same; {@code master} and {@code slave} are accepted as
 * the old names of {@code upstream} and {@code replica}.
 *
 * @author redis-ha
 */
final class ReadFromSetting {

	static final Setting SETTING = Setting.of("redis.read-from");

	private static final List<String> NAMES = List.of("upstream", "upstream-preferred", "replica", "replica-preferred",
			"any", "any-replica", "lowest-latency", "zone-affinity", "subnet:CIDR[,CIDR]", "regex:PATTERN");

	private static final String ZONE_AFFINITY = "zoneaffinity";

	private ReadFromSetting() {
	}

	/**
	 * Whether the value names zone-affinity routing, which {@link #parse} does not build
	 * (it needs the nodes' zones).
	 * @param value the setting's value
	 * @return whether it is {@code zone-affinity}
	 */
	static boolean isZoneAffinity(String value) {
		return ZONE_AFFINITY.equals(canonical(value.trim()));
	}

	static ReadFrom parse(String value) {
		String trimmed = value.trim();
		int colon = trimmed.indexOf(':');
		String name = canonical((colon >= 0) ? trimmed.substring(0, colon) : trimmed);
		try {
			if (colon >= 0) {
				return ReadFrom.valueOf(name + ":" + trimmed.substring(colon + 1).trim());
			}
			return switch (name) {
				case "upstream", "master" -> ReadFrom.UPSTREAM;
				case "upstreampreferred", "masterpreferred" -> ReadFrom.UPSTREAM_PREFERRED;
				case "replica", "slave" -> ReadFrom.REPLICA;
				case "replicapreferred", "slavepreferred" -> ReadFrom.REPLICA_PREFERRED;
				case "any" -> ReadFrom.ANY;
				case "anyreplica" -> ReadFrom.ANY_REPLICA;
				case "lowestlatency", "nearest" -> ReadFrom.LOWEST_LATENCY;
				default -> throw new IllegalArgumentException("unknown name");
			};
		}
		catch (IllegalArgumentException ex) {
			throw SETTING.reject(value,
					"must name a read-from setting"
							+ ((ex.getMessage() != null && colon >= 0) ? " (" + ex.getMessage() + ")" : ""),
					"Set " + SETTING.variable() + " to one of " + String.join(", ", NAMES)
							+ ", or remove it to read from the master.");
		}
	}

	private static String canonical(String name) {
		StringBuilder canonical = new StringBuilder(name.length());
		name.chars()
			.filter(Character::isLetterOrDigit)
			.forEach((c) -> canonical.append(Character.toLowerCase((char) c)));
		return canonical.toString().toLowerCase(Locale.ROOT);
	}

}
