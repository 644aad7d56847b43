package io.github.redisha.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * One cluster node's view of the cluster: its {@code CLUSTER INFO} and
 * {@code CLUSTER NODES} replies, parsed into the state, the slot counts and the shards
 * (each primary that owns slots, with the replicas the node lists for it).
 *
 * @param answeredBy the node that answered
 * @param info the {@code CLUSTER INFO} fields
 * @param shards the primaries owning slots, in the order the node listed them
 * @author redis-ha
 */
record ClusterView(RedisEndpoint answeredBy, Map<String, String> info, List<Shard> shards) {

	static ClusterView parse(RedisEndpoint answeredBy, String clusterInfo, String clusterNodes) {
		Map<String, String> info = new LinkedHashMap<>();
		clusterInfo.lines().map(String::trim).filter((line) -> line.indexOf(':') > 0).forEach((line) -> {
			int colon = line.indexOf(':');
			info.put(line.substring(0, colon), line.substring(colon + 1));
		});
		List<Member> members = clusterNodes.lines()
			.map(String::trim)
			.filter((line) -> !line.isEmpty())
			.map(Member::parse)
			.toList();
		List<Shard> shards = new ArrayList<>();
		for (Member member : members) {
			if (member.flags().contains("master") && !member.slots().isEmpty()) {
				List<Member> replicas = members.stream()
					.filter((each) -> member.id().equals(each.primaryId()))
					.toList();
				shards.add(new Shard(member, replicas));
			}
		}
		return new ClusterView(answeredBy, info, List.copyOf(shards));
	}

	String state() {
		return this.info.getOrDefault("cluster_state", "unknown");
	}

	long count(String field) {
		try {
			return Long.parseLong(this.info.getOrDefault(field, "0").trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * A primary that owns slots and the replicas listed for it.
	 *
	 * @param primary the primary
	 * @param replicas its replicas
	 */
	record Shard(Member primary, List<Member> replicas) {

	}

	/**
	 * One line of {@code CLUSTER NODES}.
	 *
	 * @param id the node id
	 * @param endpoint the address clients use, {@code null} for a node without one
	 * ({@code noaddr})
	 * @param flags the flags, e.g. {@code master}, {@code slave}, {@code fail?},
	 * {@code fail}
	 * @param primaryId the id of the primary it replicates, {@code null} for a primary
	 * @param connected whether the cluster bus link is up
	 * @param slots the slot ranges it owns, as listed (migration markers left out)
	 */
	record Member(String id, @Nullable RedisEndpoint endpoint, List<String> flags, @Nullable String primaryId,
			boolean connected, List<String> slots) {

		static Member parse(String line) {
			String[] fields = line.split(" ");
			String address = (fields.length > 1) ? fields[1] : "";
			int at = address.indexOf('@');
			String hostPort = (at >= 0) ? address.substring(0, at) : address;
			int colon = hostPort.lastIndexOf(':');
			RedisEndpoint endpoint = null;
			if (colon > 0) {
				try {
					endpoint = new RedisEndpoint(hostPort.substring(0, colon),
							Integer.parseInt(hostPort.substring(colon + 1)));
				}
				catch (NumberFormatException ex) {
					// left without an address, like noaddr
				}
			}
			List<String> flags = (fields.length > 2) ? Arrays.asList(fields[2].split(",")) : List.of();
			String primaryId = (fields.length > 3 && !"-".equals(fields[3])) ? fields[3] : null;
			boolean connected = fields.length > 7 && "connected".equals(fields[7]);
			List<String> slots = (fields.length > 8)
					? Arrays.stream(fields, 8, fields.length).filter((slot) -> !slot.startsWith("[")).toList()
					: List.of();
			return new Member(fields[0], endpoint, List.copyOf(flags), primaryId, connected, slots);
		}

		/**
		 * How the cluster sees the node: {@code fail} (agreed to be down), {@code pfail}
		 * (this node cannot reach it), {@code disconnected} (no bus link) or {@code ok}.
		 * @return the status
		 */
		String clusterStatus() {
			if (this.flags.contains("fail")) {
				return "fail";
			}
			if (this.flags.contains("fail?")) {
				return "pfail";
			}
			return (this.connected || this.flags.contains("myself")) ? "ok" : "disconnected";
		}

		String address() {
			return (this.endpoint != null) ? this.endpoint.toString() : "unknown";
		}

	}

}
