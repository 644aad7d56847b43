package io.github.redisha.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status and details for the topologies a check can observe, including those that are
 * hard to set up for real (disagreeing sentinels, a lagging replica).
 */
class HealthReportTests {

	private static final RedisEndpoint MASTER = new RedisEndpoint("10.0.0.1", 6379);

	private static final RedisEndpoint REPLICA_1 = new RedisEndpoint("10.0.0.2", 6379);

	private static final RedisEndpoint REPLICA_2 = new RedisEndpoint("10.0.0.3", 6379);

	private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

	private final HealthReport report = new HealthReport(new Status("DEGRADED"), Duration.ofSeconds(10));

	@Test
	void upWithoutWarningsWhenEverythingAnswers() {
		Health health = sentinelHealth(
				List.of(sentinel(26379, MASTER), sentinel(26380, MASTER), sentinel(26381, MASTER)),
				master(link(REPLICA_1, "online", 0), link(REPLICA_2, "online", 1)));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).doesNotContainKeys("warnings", "error", "lastFailover")
			.containsEntry("checkedAt", NOW.toString());
		assertThat(SentinelHealthIT.map(health.getDetails(), "replicas")).containsEntry("known", 2)
			.containsEntry("healthy", 2);
		assertThat(SentinelHealthIT.map(SentinelHealthIT.map(health.getDetails(), "replicas"), "nodes"))
			.containsEntry(REPLICA_2.toString(), Map.of("status", "online", "lagSeconds", 1L));
	}

	@Test
	void degradedWhenAReplicaLagsOrIsDown() {
		ReplicaView down = new ReplicaView(REPLICA_2, "s_down,slave,disconnected");
		SentinelAnswer sentinel = new SentinelAnswer(new RedisEndpoint("10.0.0.9", 26379), MASTER, true, "OK",
				List.of(new ReplicaView(REPLICA_1, "slave"), down), true, null);
		Health health = sentinelHealth(List.of(sentinel), master(link(REPLICA_1, "online", 42)));
		assertThat(health.getStatus()).isEqualTo(new Status("DEGRADED"));
		assertThat(SentinelHealthIT.warnings(health)).containsExactly(
				"replica 10.0.0.2:6379 lags 42s behind the master",
				"replica 10.0.0.3:6379 is down (sentinel flags: s_down,slave,disconnected)");
		assertThat(SentinelHealthIT.map(health.getDetails(), "replicas")).containsEntry("known", 2)
			.containsEntry("healthy", 0);
	}

	@Test
	void downWhenTheReportedMasterIsAReplica() {
		NodeAnswer demoted = new NodeAnswer(MASTER, "slave", Map.of(), null);
		Health health = sentinelHealth(List.of(sentinel(26379, MASTER)), demoted);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"no writable master: 10.0.0.1:6379 answers ROLE with 'replica'");
		assertThat(SentinelHealthIT.map(health.getDetails(), "master")).containsEntry("role", "replica");
	}

	@Test
	void downWhenNoMasterIsKnown() {
		SentinelAnswer unreachable = SentinelAnswer.failed(new RedisEndpoint("10.0.0.9", 26379),
				"no answer within 500ms");
		Health health = this.report.sentinel(new SentinelObservation("orders", List.of(unreachable), null, false), null,
				"health-check", null, NOW);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"no writable master: no sentinel reported a master for 'orders' and no master is known from an earlier check");
		assertThat(SentinelHealthIT.map(health.getDetails(), "quorum")).containsEntry("status", "unknown");
		assertThat(SentinelHealthIT.warnings(health))
			.contains("sentinel 10.0.0.9:26379 is unreachable: no answer within 500ms");
	}

	@Test
	void degradedWhenOnlyTheLastKnownMasterAnswers() {
		SentinelAnswer unreachable = SentinelAnswer.failed(new RedisEndpoint("10.0.0.9", 26379), "Connection refused");
		Health health = this.report.sentinel(
				new SentinelObservation("orders", List.of(unreachable), master(link(REPLICA_1, "online", 0)), false),
				null, "health-check", null, NOW);
		assertThat(health.getStatus()).isEqualTo(new Status("DEGRADED"));
		assertThat(SentinelHealthIT.map(health.getDetails(), "master")).containsEntry("reportedBy",
				"last check (no sentinel answered)");
		assertThat(SentinelHealthIT.warnings(health)).contains(
				"no sentinel answered: checked the last known master 10.0.0.1:6379; the application cannot follow a "
						+ "failover until a sentinel answers");
	}

	@Test
	void warnsWhenSentinelsDisagreeOrOneDoesNotKnowTheMaster() {
		SentinelAnswer confused = new SentinelAnswer(new RedisEndpoint("10.0.0.9", 26381), null, null, null, List.of(),
				true, "does not know the master name");
		Health health = sentinelHealth(List.of(sentinel(26379, MASTER), sentinel(26380, REPLICA_1), confused),
				master(link(REPLICA_1, "online", 0), link(REPLICA_2, "online", 0)));
		assertThat(SentinelHealthIT.warnings(health)).contains(
				"sentinels disagree on the master: 10.0.0.1:6379 (1), 10.0.0.2:6379 (1)",
				"sentinel 10.0.0.9:26381 does not know the master name 'mymaster'");
		assertThat(SentinelHealthIT.map(health.getDetails(), "sentinels")).containsEntry("reachable", 3);
	}

	@Test
	void quorumLostIsAWarningNotAnOutage() {
		SentinelAnswer lonely = new SentinelAnswer(new RedisEndpoint("10.0.0.9", 26379), MASTER, false,
				"NOQUORUM 1 usable Sentinels.", List.of(new ReplicaView(REPLICA_1, "slave")), true, null);
		Health health = sentinelHealth(List.of(lonely), master(link(REPLICA_1, "online", 0)));
		assertThat(health.getStatus()).isEqualTo(new Status("DEGRADED"));
		assertThat(SentinelHealthIT.map(health.getDetails(), "quorum")).containsEntry("status", "lost")
			.containsEntry("answer", "NOQUORUM 1 usable Sentinels.");
		assertThat(SentinelHealthIT.warnings(health))
			.containsExactly("quorum lost: the sentinels could not fail over (NOQUORUM 1 usable Sentinels.)");
	}

	@Test
	void reportsTheLastFailoverAndAConnectionLeftBehind() {
		MasterSwitch lastSwitch = new MasterSwitch("mymaster", REPLICA_1, MASTER, NOW.minusSeconds(60));
		Health health = this.report.sentinel(
				new SentinelObservation("mymaster", List.of(sentinel(26379, MASTER)),
						master(link(REPLICA_1, "online", 0), link(REPLICA_2, "online", 0)), true),
				lastSwitch, "failover-listener", REPLICA_1, NOW);
		assertThat(SentinelHealthIT.map(health.getDetails(), "lastFailover")).isEqualTo(Map.of("from", "10.0.0.2:6379",
				"to", "10.0.0.1:6379", "at", "2026-11-21T09:59:00Z", "detectedBy", "failover-listener"));
		assertThat(SentinelHealthIT.warnings(health))
			.containsExactly("the application's connection still uses 10.0.0.2:6379, not the master 10.0.0.1:6379");
	}

	@Test
	void standaloneNodes() {
		assertThat(this.report.standalone(new NodeAnswer(MASTER, "master", Map.of(), null), NOW).getStatus())
			.isEqualTo(Status.UP);
		Health replica = this.report.standalone(new NodeAnswer(MASTER, "slave", Map.of(), null), NOW);
		assertThat(replica.getStatus()).isEqualTo(new Status("DEGRADED"));
		Health gone = this.report.standalone(NodeAnswer.failed(MASTER, "Connection refused"), NOW);
		assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
		assertThat(gone.getDetails()).containsEntry("error",
				"Redis at 10.0.0.1:6379 does not answer: Connection refused");
	}

	@Test
	void parsesReplicationInfo() {
		String info = "# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"
				+ "slave0:ip=127.0.0.1,port=6391,state=online,offset=1234,lag=0\r\n"
				+ "slave1:ip=::1,port=6392,state=wait_bgsave,offset=0,lag=3\r\nmaster_failover_state:no-failover\r\n";
		assertThat(ReplicaLink.parse(info)).containsExactly(
				Map.entry(new RedisEndpoint("127.0.0.1", 6391), new ReplicaLink("online", 0)),
				Map.entry(new RedisEndpoint("::1", 6392), new ReplicaLink("wait_bgsave", 3)));
	}

	private Health sentinelHealth(List<SentinelAnswer> sentinels, NodeAnswer master) {
		return this.report.sentinel(new SentinelObservation("mymaster", sentinels, master, true), null, "health-check",
				null, NOW);
	}

	private static SentinelAnswer sentinel(int port, RedisEndpoint master) {
		return new SentinelAnswer(new RedisEndpoint("10.0.0.9", port), master, true,
				"OK 3 usable Sentinels. Quorum and failover authorization can be reached",
				List.of(new ReplicaView(REPLICA_1, "slave"), new ReplicaView(REPLICA_2, "slave")), true, null);
	}

	@SafeVarargs
	private static NodeAnswer master(Map.Entry<RedisEndpoint, ReplicaLink>... links) {
		return new NodeAnswer(MASTER, "master", Map.ofEntries(links), null);
	}

	private static Map.Entry<RedisEndpoint, ReplicaLink> link(RedisEndpoint replica, String state, long lag) {
		return Map.entry(replica, new ReplicaLink(state, lag));
	}

}
