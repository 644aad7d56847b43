package io.github.redisha.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.health.ClusterHealthProbe.ClusterObservation;
import io.github.redisha.internal.ClusterNodes.Node;
import io.github.redisha.internal.ClusterNodes.Shard;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Turns a cluster observation into a {@link Health}: DOWN when no seed answers, the
 * cluster reports {@code cluster_state:fail}, or a slot range's primary is failed or does
 * not answer (no replica promoted yet); the degraded status with warnings when every slot
 * is served but a replica is down, a shard has no replica or a primary suspected failing
 * ({@code fail?}) still answers; UP otherwise. Details carry addresses, flags and counts,
 * never credentials.
 *
 * @author redis-ha
 */
final class ClusterHealthReport {

	private static final String[] SLOT_FIELDS = { "assigned", "ok", "pfail", "fail" };

	private final Status degradedStatus;

	ClusterHealthReport(Status degradedStatus) {
		this.degradedStatus = degradedStatus;
	}

	Health health(ClusterObservation observation, Instant checkedAt) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("mode", "cluster");
		ClusterView view = observation.view();
		if (view == null) {
			details.put("error", "no seed node answered CLUSTER INFO/CLUSTER NODES: "
					+ String.join(", ", observation.seedFailures()));
			details.put("checkedAt", checkedAt.toString());
			return Health.down().withDetails(details).build();
		}
		List<String> problems = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		details.put("state", view.state());
		details.put("answeredBy", view.answeredBy().toString());
		Map<String, Object> slots = new LinkedHashMap<>();
		for (String field : SLOT_FIELDS) {
			slots.put(field, view.count("cluster_slots_" + field));
		}
		details.put("slots", slots);
		if (!"ok".equals(view.state())) {
			problems.add("the cluster reports cluster_state:" + view.state());
		}
		List<Map<String, Object>> shards = new ArrayList<>();
		for (Shard shard : view.shards()) {
			shards.add(shardDetails(shard, observation.unansweredPrimaries(), problems, warnings));
		}
		details.put("shards", shards);
		Health.Builder builder = new Health.Builder();
		if (!problems.isEmpty()) {
			builder.down();
			details.put("error", String.join("; ", problems));
		}
		else {
			builder.status(warnings.isEmpty() ? Status.UP : this.degradedStatus);
		}
		if (!warnings.isEmpty()) {
			details.put("warnings", List.copyOf(warnings));
		}
		details.put("checkedAt", checkedAt.toString());
		return builder.withDetails(details).build();
	}

	private static Map<String, Object> shardDetails(Shard shard, Map<RedisEndpoint, String> unanswered,
			List<String> problems, List<String> warnings) {
		Node primary = shard.primary();
		String slots = primary.slotRanges();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("slots", slots);
		Map<String, Object> primaryDetails = new LinkedHashMap<>();
		primaryDetails.put("address", ClusterView.address(primary));
		String status = ClusterView.clusterStatus(primary);
		String notAnswering = (primary.endpoint() != null) ? unanswered.get(primary.endpoint()) : null;
		if (notAnswering != null) {
			primaryDetails.put("error", notAnswering);
			status = "not answering";
		}
		primaryDetails.put("status", status);
		if ("fail".equals(status) || notAnswering != null) {
			problems.add("slots " + slots + " have no reachable primary: " + ClusterView.address(primary) + " is "
					+ status + " and no replica has been promoted yet");
		}
		else if (!"ok".equals(status)) {
			warnings.add("primary " + ClusterView.address(primary) + " of slots " + slots + " is " + status
					+ " as seen by " + "the node asked, but answers PING");
		}
		details.put("primary", primaryDetails);
		List<Map<String, Object>> replicas = new ArrayList<>();
		for (Node replica : shard.replicas()) {
			Map<String, Object> replicaDetails = new LinkedHashMap<>();
			replicaDetails.put("address", ClusterView.address(replica));
			replicaDetails.put("status", ClusterView.clusterStatus(replica));
			replicas.add(replicaDetails);
			if (!"ok".equals(ClusterView.clusterStatus(replica))) {
				warnings.add("replica " + ClusterView.address(replica) + " of slots " + slots + " is "
						+ ClusterView.clusterStatus(replica));
			}
		}
		if (replicas.isEmpty()) {
			warnings.add("slots " + slots + " have no replica: the cluster cannot fail them over");
		}
		details.put("replicas", replicas);
		return details;
	}

}
