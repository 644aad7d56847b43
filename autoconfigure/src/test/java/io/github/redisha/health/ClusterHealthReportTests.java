package io.github.redisha.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.health.ClusterHealthProbe.ClusterObservation;
import io.github.redisha.internal.CannedClusterReplies;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterHealthReport} and the health {@link ClusterView}: canned
 * {@code CLUSTER INFO} / {@code CLUSTER NODES} replies in, the health out.
 *
 * @author redis-ha
 */
class ClusterHealthReportTests {

	private static final Status DEGRADED = new Status("DEGRADED");

	private static final RedisEndpoint SEED = new RedisEndpoint("127.0.0.1", 7001);

	private static final RedisEndpoint P0 = new RedisEndpoint("127.0.0.1", 7000);

	private static final Instant CHECKED = Instant.parse("2026-01-01T00:00:00Z");

	private static final String OK_INFO = "cluster_state:ok\r\ncluster_slots_assigned:16384\r\n"
			+ "cluster_slots_ok:16384\r\ncluster_slots_pfail:0\r\ncluster_slots_fail:0\r\n";

	private final ClusterHealthReport report = new ClusterHealthReport(DEGRADED);

	@Test
	void upWhenEveryShardHasAnAnsweringPrimaryAndAHealthyReplica() {
		Health health = health(OK_INFO, CannedClusterReplies.HEALTHY, Map.of());
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "cluster")
			.containsEntry("state", "ok")
			.containsEntry("answeredBy", SEED.toString())
			.containsEntry("checkedAt", CHECKED.toString())
			.doesNotContainKeys("warnings", "error");
		assertThat(health.getDetails().get("slots"))
			.isEqualTo(Map.of("assigned", 16384L, "ok", 16384L, "pfail", 0L, "fail", 0L));
		List<?> shards = (List<?>) health.getDetails().get("shards");
		assertThat(shards).hasSize(3);
		assertThat(shards.get(0))
			.isEqualTo(Map.of("slots", "0-5460", "primary", Map.of("address", "127.0.0.1:7000", "status", "ok"),
					"replicas", List.of(Map.of("address", "127.0.0.1:7003", "status", "ok"))));
	}

	@Test
	void degradedWhenAReplicaIsDown() {
		Health health = health(OK_INFO, CannedClusterReplies.HEALTHY.replace("slave a1 0 1700000000000 1 connected",
				"slave,fail a1 1700000000000 1700000000000 1 disconnected"), Map.of());
		assertThat(health.getStatus()).isEqualTo(DEGRADED);
		assertThat(warnings(health)).containsExactly("replica 127.0.0.1:7003 of slots 0-5460 is fail");
	}

	@Test
	void degradedWhenAPrimarySuspectedFailingStillAnswers() {
		Health health = health(OK_INFO, CannedClusterReplies.HEALTHY.replace("a1 127.0.0.1:7000@17000 master -",
				"a1 127.0.0.1:7000@17000 master,fail? -"), Map.of());
		assertThat(health.getStatus()).isEqualTo(DEGRADED);
		assertThat(warnings(health)).containsExactly(
				"primary 127.0.0.1:7000 of slots 0-5460 is pfail as seen by the node asked, but answers PING");
	}

	@Test
	void degradedWhenAShardHasNoReplica() {
		Health health = health(OK_INFO, CannedClusterReplies.HEALTHY
			.replace("d4 127.0.0.1:7003@17003 slave a1 0 1700000000000 1 connected\n", ""), Map.of());
		assertThat(health.getStatus()).isEqualTo(DEGRADED);
		assertThat(warnings(health)).containsExactly("slots 0-5460 have no replica: the cluster cannot fail them over");
	}

	@Test
	void downWhenAPrimaryFailedAndNoReplicaIsPromotedYet() {
		Health health = health("cluster_state:fail\r\n",
				CannedClusterReplies.HEALTHY.replace("a1 127.0.0.1:7000@17000 master - 0 1700000000000 1 connected",
						"a1 127.0.0.1:7000@17000 master,fail - 1700000000000 1700000000000 1 disconnected"),
				Map.of());
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error")).isEqualTo("the cluster reports cluster_state:fail; slots 0-5460 "
				+ "have no reachable primary: 127.0.0.1:7000 is fail and no replica has been promoted yet");
	}

	@Test
	void downWhenAPrimaryDoesNotAnswerPing() {
		Health health = health(OK_INFO, CannedClusterReplies.HEALTHY, Map.of(P0, "no answer within 500ms"));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		Map<?, ?> shard = (Map<?, ?>) ((List<?>) health.getDetails().get("shards")).get(0);
		assertThat(shard.get("primary")).isEqualTo(
				Map.of("address", "127.0.0.1:7000", "error", "no answer within 500ms", "status", "not answering"));
	}

	@Test
	void downWhenNoSeedAnswered() {
		Health health = this.report.health(new ClusterObservation(null, Map.of(), List.of("127.0.0.1:7000 (refused)")),
				CHECKED);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"no seed node answered CLUSTER INFO/CLUSTER NODES: 127.0.0.1:7000 (refused)");
	}

	@Test
	void aNodeWithoutAddressOrBusLinkIsNamedSo() {
		Health health = health(OK_INFO,
				CannedClusterReplies.HEALTHY
					.replace("e5 127.0.0.1:7004@17004 slave b2 0 1700000000000 2 connected",
							"e5 :0@0 slave,noaddr b2 0 0 2 disconnected")
					.replace("f6 127.0.0.1:7005@17005 slave c3 0 1700000000000 3 connected",
							"f6 127.0.0.1:7005@17005 slave c3 0 1700000000000 3 disconnected"),
				Map.of());
		assertThat(warnings(health)).containsExactly("replica unknown of slots 5461-10922 is disconnected",
				"replica 127.0.0.1:7005 of slots 10923-16383 is disconnected");
	}

	private Health health(String info, String nodes, Map<RedisEndpoint, String> unanswered) {
		ClusterView view = ClusterView.parse(SEED, info, nodes);
		return this.report.health(new ClusterObservation(view, unanswered, List.of()), CHECKED);
	}

	@SuppressWarnings("unchecked")
	private static List<String> warnings(Health health) {
		return (List<String>) health.getDetails().get("warnings");
	}

}
