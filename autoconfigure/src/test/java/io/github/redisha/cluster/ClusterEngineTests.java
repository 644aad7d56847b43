package io.github.redisha.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverListener;
import io.github.redisha.failover.internal.ClusterChannels;
import io.github.redisha.internal.CannedClusterReplies;
import io.github.redisha.internal.CannedNodeProbe;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.ManualScheduler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterEngine}'s check and succession: canned {@code CLUSTER NODES}
 * and {@code ROLE} replies in, what it does to the client side out, time moved by hand.
 *
 * @author redis-ha
 */
class ClusterEngineTests {

	private static final Duration CHECK = Duration.ofSeconds(1);

	private static final RedisEndpoint P0 = node(7000);

	private static final RedisEndpoint P1 = node(7001);

	private static final RedisEndpoint R0 = node(7003);

	private static final RedisEndpoint R1 = node(7004);

	private static final List<RedisEndpoint> NODES = List.of(P0, P1, node(7002), R0, R1, node(7005));

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FailoverThread thread = this.scheduler.thread();

	private final CannedNodeProbe probe = new CannedNodeProbe();

	private final RecordingChannels channels = new RecordingChannels();

	private final ClusterEngine engine = new ClusterEngine(this.thread, this.probe, this.channels,
			new PartitionRefresh(() -> null, new FailoverListener() {
			}), List.of(P0));

	@BeforeEach
	void healthyCluster() {
		everyNodeSays(CannedClusterReplies.HEALTHY);
		this.probe.master(P0).replica(R0, P0).master(P1).replica(R1, P1);
		this.engine.start(CHECK);
		this.scheduler.runDue();
	}

	@Test
	void theFirstCheckAsksASeedAndTellsTheClientTheShards() {
		assertThat(this.probe.asked()).containsExactly("CLUSTER NODES " + P0);
		assertThat(this.channels.primaryOf).hasSize(6)
			.containsEntry(R0, P0)
			.containsEntry(P0, P0)
			.containsEntry(R1, P1);
		assertThat(this.channels.events).isEmpty();
	}

	@Test
	void eachCheckAsksOneNodeInTurn() {
		this.probe.clearAsked();
		for (int i = 0; i < 6; i++) {
			this.scheduler.advance(CHECK);
		}
		assertThat(this.probe.asked()).hasSize(6)
			.allMatch((question) -> question.startsWith("CLUSTER NODES "))
			.doesNotHaveDuplicates();
	}

	@Test
	void aPrimaryTheClusterFlagsFailingIsWatchedUntilItsReplicaIsPromoted() {
		everyNodeSays(CannedClusterReplies.PRIMARY_SUSPECTED);
		this.probe.silent(P0);
		this.scheduler.advance(CHECK);
		assertThat(this.channels.events).containsExactly("failing " + P0);
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(this.probe.roleQuestions(R0)).isEqualTo(10);
		assertThat(this.channels.events).containsExactly("failing " + P0);
		this.probe.master(R0);
		this.scheduler.advance(Duration.ofMillis(20));
		assertThat(this.channels.events).containsExactly("failing " + P0, "switched slots 0-5460 " + P0 + " -> " + R0);
		assertThat(this.channels.durations.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(130));
		assertThat(this.channels.primaryOf).containsEntry(R0, R0).containsEntry(P0, R0);
		long asked = this.probe.roleQuestions(R0);
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(this.probe.roleQuestions(R0)).as("the watch ended").isEqualTo(asked);
	}

	@Test
	void aDroppedConnectionToAPrimaryThatIsFineIsAFalseAlarm() {
		this.channels.nodeLost.accept(P0);
		this.scheduler.advance(Duration.ofMillis(30));
		assertThat(this.channels.events).containsExactly("failing " + P0, "answering " + P0);
		assertThat(this.channels.durations).isEmpty();
	}

	@Test
	void aDroppedConnectionToANodeThatIsNoPrimaryHoldsNothing() {
		this.channels.nodeLost.accept(R0);
		this.scheduler.advance(Duration.ofMillis(30));
		assertThat(this.channels.events).containsExactly("answering " + R0);
	}

	@Test
	void aWatchWithoutPromotionEndsAtItsDeadline() {
		this.probe.silent(P0);
		this.channels.nodeLost.accept(P0);
		this.scheduler.advance(ClusterEngine.WATCH_MAX.minusSeconds(1));
		assertThat(this.channels.events).containsExactly("failing " + P0);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(this.channels.events).containsExactly("failing " + P0, "answering " + P0);
		long asked = this.probe.roleQuestions(R0);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.probe.roleQuestions(R0)).isEqualTo(asked);
	}

	@Test
	void aPrimaryThatDoesNotAnswerTheCheckIsWatchedAndAnotherNodeAsked() {
		this.probe.silent(P0);
		this.probe.clearAsked();
		for (int i = 0; i < 6 && !this.probe.asked().contains("CLUSTER NODES " + P0); i++) {
			this.scheduler.advance(CHECK);
		}
		List<String> asked = this.probe.asked().stream().filter((q) -> q.startsWith("CLUSTER NODES")).toList();
		assertThat(asked.get(asked.size() - 2)).isEqualTo("CLUSTER NODES " + P0);
		assertThat(asked.get(asked.size() - 1)).isNotEqualTo("CLUSTER NODES " + P0);
		assertThat(this.channels.events).containsExactly("failing " + P0);
	}

	@Test
	void aFailoverNoConnectionNoticedIsFollowedOnceTheSuccessorAnswersMaster() {
		everyNodeSays(CannedClusterReplies.FAILED_OVER);
		this.probe.noRole(P0).master(R0);
		this.scheduler.advance(CHECK);
		assertThat(this.channels.events).containsExactly("down " + R1, "switched slots 0-5460 " + P0 + " -> " + R0);
		assertThat(this.channels.durations).containsExactly((Duration) null);
		this.scheduler.advance(CHECK.multipliedBy(3));
		assertThat(this.channels.events).as("a switch is made once").hasSize(2);
	}

	@Test
	void aViewTheSuccessorDoesNotConfirmMovesNothing() {
		everyNodeSays(CannedClusterReplies.FAILED_OVER);
		this.probe.noRole(P0).noRole(R0);
		this.scheduler.advance(CHECK);
		assertThat(this.channels.events).containsExactly("down " + R1);
	}

	@Test
	void aFailedReplicaIsReportedUntilTheClusterSeesItAgain() {
		everyNodeSays(CannedClusterReplies.FAILED_OVER);
		this.probe.master(R0);
		this.scheduler.advance(CHECK);
		everyNodeSays(CannedClusterReplies.FAILED_OVER.replace(
				"e5 127.0.0.1:7004@17004 slave,fail b2 1700000000000 1700000000000 2 disconnected",
				"e5 127.0.0.1:7004@17004 slave b2 0 1700000000000 2 connected"));
		this.scheduler.advance(CHECK);
		assertThat(this.channels.events).containsExactly("down " + R1, "switched slots 0-5460 " + P0 + " -> " + R0,
				"up " + R1);
	}

	@Test
	void anOldPrimaryIsUnfencedOnceItAnswersAsAReplica() {
		this.channels.fenced.add(P0);
		this.probe.master(P0);
		this.scheduler.advance(CHECK);
		assertThat(this.channels.fenced).containsExactly(P0);
		this.probe.replica(P0, R0);
		this.scheduler.advance(CHECK);
		assertThat(this.channels.fenced).isEmpty();
		assertThat(this.channels.events).containsExactly("unfenced " + P0, "reconnect " + P0);
	}

	@Test
	void aRefusingNodeIsRoutedToAgainOnceItAnswers() {
		RedisEndpoint refusing = node(7005);
		this.channels.refused.add(refusing);
		this.scheduler.advance(CHECK);
		assertThat(this.channels.refused).containsExactly(refusing);
		this.probe.replica(refusing, node(7002));
		this.scheduler.advance(CHECK);
		assertThat(this.channels.refused).isEmpty();
	}

	@Test
	void theCheckRunsAgainAfterItThrew() {
		this.channels.failNextRefusedNodes = true;
		this.probe.clearAsked();
		this.scheduler.advance(CHECK.multipliedBy(3));
		assertThat(this.channels.failNextRefusedNodes).as("the check threw once").isFalse();
		assertThat(this.probe.asked()).filteredOn((question) -> question.startsWith("CLUSTER NODES")).hasSize(3);
	}

	private void everyNodeSays(String view) {
		NODES.forEach((node) -> this.probe.clusterNodes(node, view));
	}

	private static RedisEndpoint node(int port) {
		return new RedisEndpoint("127.0.0.1", port);
	}

	/**
	 * The client side as the engine sees it, recording what it is told.
	 */
	static final class RecordingChannels implements ClusterChannels {

		final List<String> events = new ArrayList<>();

		final List<@Nullable Duration> durations = new ArrayList<>();

		final Set<RedisEndpoint> fenced = new LinkedHashSet<>();

		final Set<RedisEndpoint> refused = new LinkedHashSet<>();

		Map<RedisEndpoint, RedisEndpoint> primaryOf = Map.of();

		Consumer<RedisEndpoint> nodeLost = (node) -> {
		};

		boolean failNextRefusedNodes;

		@Override
		public FailoverListener listeners() {
			return new FailoverListener() {
			};
		}

		@Override
		public void clusterMode(Consumer<RedisEndpoint> nodeLost) {
			this.nodeLost = nodeLost;
		}

		@Override
		public void shards(Map<RedisEndpoint, RedisEndpoint> primaryOf) {
			this.primaryOf = primaryOf;
		}

		@Override
		public void primaryFailing(RedisEndpoint primary) {
			this.events.add("failing " + primary);
		}

		@Override
		public void primaryAnswering(RedisEndpoint primary) {
			this.events.add("answering " + primary);
		}

		@Override
		public int primarySwitched(String shard, RedisEndpoint from, RedisEndpoint to,
				@Nullable Duration failoverDuration) {
			this.events.add("switched " + shard + " " + from + " -> " + to);
			this.durations.add(failoverDuration);
			this.fenced.add(from);
			return 0;
		}

		@Override
		public boolean liftFence(RedisEndpoint node) {
			this.events.add("unfenced " + node);
			return this.fenced.remove(node);
		}

		@Override
		public void reconnectRedirected(RedisEndpoint node) {
			this.events.add("reconnect " + node);
		}

		@Override
		public Set<RedisEndpoint> fenced() {
			return Set.copyOf(this.fenced);
		}

		@Override
		public void nodeReportedDown(RedisEndpoint node, boolean down) {
			this.events.add((down ? "down " : "up ") + node);
		}

		@Override
		public Set<RedisEndpoint> refusedNodes() {
			if (this.failNextRefusedNodes) {
				this.failNextRefusedNodes = false;
				throw new IllegalStateException("a client shut down under the check");
			}
			return Set.copyOf(this.refused);
		}

		@Override
		public void nodeAnswered(RedisEndpoint node) {
			this.refused.remove(node);
		}

	}

}
