package io.github.redisha.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Turns an observation into a {@link Health}: DOWN when no writable master answers, the
 * degraded status with warnings when Redis serves but something is wrong, UP otherwise.
 * Details carry addresses, roles, counts and the nodes' own replies, never credentials.
 *
 * @author redis-ha
 */
final class HealthReport {

	private final Status degradedStatus;

	private final Duration maxReplicaLag;

	HealthReport(Status degradedStatus, Duration maxReplicaLag) {
		this.degradedStatus = degradedStatus;
		this.maxReplicaLag = maxReplicaLag;
	}

	/**
	 * The health of a Sentinel topology.
	 * @param observation what the check saw
	 * @param lastFailover the most recent master switch known, if any
	 * @param lastFailoverSource who saw it: {@code failover-listener} or
	 * {@code health-check}
	 * @param clientMaster the master the application's connection uses, if known
	 * @param checkedAt when the check ran
	 * @return the health
	 */
	Health sentinel(SentinelObservation observation, @Nullable MasterSwitch lastFailover, String lastFailoverSource,
			@Nullable RedisEndpoint clientMaster, Instant checkedAt) {
		List<String> warnings = new ArrayList<>();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("mode", "sentinel");
		details.put("masterName", observation.masterName());
		NodeAnswer master = observation.master();
		details.put("master", masterDetails(master, observation.masterFromSentinels()));
		details.put("replicas", replicaDetails(replicas(observation), warnings));
		details.put("sentinels", sentinelDetails(observation, warnings));
		details.put("quorum", quorumDetails(observation, warnings));
		if (lastFailover != null) {
			details.put("lastFailover", failoverDetails(lastFailover, lastFailoverSource));
		}
		if (master != null && !observation.masterFromSentinels()) {
			warnings.add("no sentinel answered: checked the last known master " + master.endpoint()
					+ "; the application cannot follow a failover until a sentinel answers");
		}
		if (master != null && master.isMaster() && clientMaster != null && !clientMaster.equals(master.endpoint())) {
			warnings.add("the application's connection still uses " + clientMaster + ", not the master "
					+ master.endpoint());
		}
		Health.Builder builder = new Health.Builder();
		if (master == null || !master.isMaster()) {
			builder.down();
			details.put("error", "no writable master: " + whyNoMaster(observation, master));
		}
		else {
			builder.status(warnings.isEmpty() ? Status.UP : this.degradedStatus);
		}
		return finish(builder, details, warnings, checkedAt);
	}

	/**
	 * The health of a single node.
	 * @param node what the node said
	 * @param checkedAt when the check ran
	 * @return the health
	 */
	Health standalone(NodeAnswer node, Instant checkedAt) {
		List<String> warnings = new ArrayList<>();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("mode", "standalone");
		Map<String, Object> nodeDetails = new LinkedHashMap<>();
		nodeDetails.put("address", node.endpoint().toString());
		Health.Builder builder = new Health.Builder();
		if (node.error() != null || node.role() == null) {
			nodeDetails.put("error", String.valueOf(node.error()));
			builder.down();
			details.put("node", nodeDetails);
			details.put("error", "Redis at " + node.endpoint() + " does not answer: " + node.error());
			return finish(builder, details, warnings, checkedAt);
		}
		nodeDetails.put("role", roleName(node.role()));
		details.put("node", nodeDetails);
		if (!node.isMaster()) {
			warnings.add(node.endpoint() + " is a read-only " + roleName(node.role())
					+ ": reads work, writes fail with READONLY");
		}
		builder.status(warnings.isEmpty() ? Status.UP : this.degradedStatus);
		return finish(builder, details, warnings, checkedAt);
	}

	private static Health finish(Health.Builder builder, Map<String, Object> details, List<String> warnings,
			Instant checkedAt) {
		if (!warnings.isEmpty()) {
			details.put("warnings", List.copyOf(warnings));
		}
		details.put("checkedAt", checkedAt.toString());
		return builder.withDetails(details).build();
	}

	private static Map<String, Object> masterDetails(@Nullable NodeAnswer master, boolean fromSentinels) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (master == null) {
			details.put("address", "unknown");
			return details;
		}
		details.put("address", master.endpoint().toString());
		if (master.role() != null) {
			details.put("role", roleName(master.role()));
		}
		else {
			details.put("error", String.valueOf(master.error()));
		}
		details.put("reportedBy", fromSentinels ? "sentinels" : "last check (no sentinel answered)");
		return details;
	}

	/**
	 * The replicas of a Sentinel topology, typed.
	 * @param observation what the check saw
	 * @return the replicas
	 */
	ReplicaSnapshot replicas(SentinelObservation observation) {
		NodeAnswer master = observation.master();
		return ReplicaSnapshot.of(sentinelView(observation, master), master, this.maxReplicaLag);
	}

	private static Map<String, Object> replicaDetails(ReplicaSnapshot snapshot, List<String> warnings) {
		Map<String, Object> nodes = new LinkedHashMap<>();
		for (ReplicaSnapshot.Replica replica : snapshot.replicas()) {
			if (replica.warning() != null) {
				warnings.add(replica.warning());
			}
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("status", replica.status());
			if (replica.lagSeconds() >= 0) {
				node.put("lagSeconds", replica.lagSeconds());
			}
			nodes.put(replica.endpoint().toString(), node);
		}
		if (snapshot.replicas().isEmpty()) {
			warnings.add("no replica known: a failover would have nothing to promote");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("known", snapshot.replicas().size());
		details.put("healthy", snapshot.healthy());
		details.put("nodes", nodes);
		return details;
	}

	private static Map<String, Object> sentinelDetails(SentinelObservation observation, List<String> warnings) {
		Map<String, Object> nodes = new LinkedHashMap<>();
		int reachable = 0;
		for (SentinelAnswer answer : observation.sentinels()) {
			if (answer.reachable()) {
				reachable++;
			}
			if (answer.error() == null) {
				nodes.put(answer.endpoint().toString(), "reachable");
			}
			else if (answer.reachable()) {
				nodes.put(answer.endpoint().toString(), answer.error());
				warnings.add(
						"sentinel " + answer.endpoint() + " " + answer.error() + " '" + observation.masterName() + "'");
			}
			else {
				nodes.put(answer.endpoint().toString(), "unreachable: " + answer.error());
				warnings.add("sentinel " + answer.endpoint() + " is unreachable: " + answer.error());
			}
		}
		Map<RedisEndpoint, Integer> votes = SentinelObservation.votes(observation.sentinels());
		if (votes.size() > 1) {
			warnings.add("sentinels disagree on the master: " + votes.entrySet()
				.stream()
				.map((vote) -> vote.getKey() + " (" + vote.getValue() + ")")
				.collect(Collectors.joining(", ")));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("configured", observation.sentinels().size());
		details.put("reachable", reachable);
		details.put("nodes", nodes);
		return details;
	}

	private static Map<String, Object> quorumDetails(SentinelObservation observation, List<String> warnings) {
		Map<String, Object> details = new LinkedHashMap<>();
		List<SentinelAnswer> answered = observation.sentinels()
			.stream()
			.filter((answer) -> answer.quorumAnswer() != null)
			.toList();
		SentinelAnswer ok = answered.stream()
			.filter((answer) -> Boolean.TRUE.equals(answer.quorumOk()))
			.findFirst()
			.orElse(null);
		if (ok != null) {
			details.put("status", "ok");
			details.put("answer", ok.quorumAnswer());
			return details;
		}
		SentinelAnswer lost = answered.stream()
			.filter((answer) -> Boolean.FALSE.equals(answer.quorumOk()))
			.findFirst()
			.orElse(null);
		if (lost != null) {
			details.put("status", "lost");
			details.put("answer", lost.quorumAnswer());
			warnings.add("quorum lost: the sentinels could not fail over (" + lost.quorumAnswer() + ")");
			return details;
		}
		details.put("status", "unknown");
		warnings.add("quorum unknown: no sentinel answered SENTINEL CKQUORUM");
		return details;
	}

	private static Map<String, Object> failoverDetails(MasterSwitch lastFailover, String source) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", lastFailover.from().toString());
		details.put("to", lastFailover.to().toString());
		details.put("at", lastFailover.at().toString());
		details.put("detectedBy", source);
		return details;
	}

	private static @Nullable SentinelAnswer sentinelView(SentinelObservation observation, @Nullable NodeAnswer master) {
		return observation.sentinels()
			.stream()
			.filter((answer) -> answer.master() != null
					&& (master == null || answer.master().equals(master.endpoint())))
			.findFirst()
			.orElse(null);
	}

	private static String whyNoMaster(SentinelObservation observation, @Nullable NodeAnswer master) {
		if (master == null) {
			return "no sentinel reported a master for '" + observation.masterName()
					+ "' and no master is known from an earlier check";
		}
		if (master.role() == null) {
			return master.endpoint() + " does not answer (" + master.error() + ")";
		}
		return master.endpoint() + " answers ROLE with '" + roleName(master.role()) + "'";
	}

	private static String roleName(@Nullable String role) {
		// Redis still says "slave" in ROLE
		return "slave".equals(role) ? "replica" : String.valueOf(role);
	}

}
