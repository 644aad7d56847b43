package io.github.redisha.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one parser of a {@code CLUSTER INFO} reply ({@code field:value} lines), for the
 * startup check and the health check.
 *
 * @param fields the fields, in the order of the reply
 * @author redis-ha
 */
public record ClusterInfo(Map<String, String> fields) {

	/**
	 * Parse a {@code CLUSTER INFO} reply.
	 * @param reply the reply
	 * @return its fields
	 */
	public static ClusterInfo parse(String reply) {
		Map<String, String> fields = new LinkedHashMap<>();
		reply.lines().map(String::trim).filter((line) -> line.indexOf(':') > 0).forEach((line) -> {
			int colon = line.indexOf(':');
			fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
		});
		return new ClusterInfo(Collections.unmodifiableMap(fields));
	}

	/**
	 * The cluster's state.
	 * @return {@code cluster_state}: {@code ok}, {@code fail}, or {@code unknown} when
	 * missing
	 */
	public String state() {
		return this.fields.getOrDefault("cluster_state", "unknown");
	}

	/**
	 * A count field.
	 * @param field e.g. {@code cluster_slots_ok}
	 * @return its value, 0 when missing or not a number
	 */
	public long count(String field) {
		return Math.max(0, Replies.parseLong(this.fields.get(field)));
	}

}
