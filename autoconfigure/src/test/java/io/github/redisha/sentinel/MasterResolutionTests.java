package io.github.redisha.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.TestClientChannels;
import io.github.redisha.failover.internal.SentinelChannels;
import io.github.redisha.internal.CannedNodeProbe;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.ManualScheduler;
import io.github.redisha.sentinel.SentinelLink.MasterAnswer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MasterResolution}: canned Sentinel and {@code ROLE} replies in, the
 * master followed and the fences out.
 *
 * @author redis-ha
 */
class MasterResolutionTests {

	private static final RedisEndpoint S1 = new RedisEndpoint("127.0.0.1", 26379);

	private static final RedisEndpoint S2 = new RedisEndpoint("127.0.0.1", 26380);

	private static final RedisEndpoint S3 = new RedisEndpoint("127.0.0.1", 26381);

	private static final RedisEndpoint OLD = new RedisEndpoint("127.0.0.1", 6379);

	private static final RedisEndpoint NEW = new RedisEndpoint("127.0.0.1", 6380);

	private static final RedisEndpoint OTHER = new RedisEndpoint("127.0.0.1", 6381);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FailoverThread thread = this.scheduler.thread();

	private final CannedNodeProbe probe = new CannedNodeProbe();

	private final TestClientChannels client = new TestClientChannels();

	private final SentinelChannels channels = this.client.sentinelSide();

	private final List<Boolean> published = new ArrayList<>();

	private final MasterDownState masterDown = new MasterDownState(this.thread::nanoTime, this.published::add);

	private final AtomicReference<@Nullable RedisEndpoint> master = new AtomicReference<>();

	private final List<String> switches = new ArrayList<>();

	private List<MasterAnswer> answers = List.of();

	private final MasterResolution resolution = new MasterResolution(
			() -> this.answers.stream().map(CompletableFuture::completedFuture).toList(), this.probe, this.channels,
			this.masterDown, this.thread, this.master::get, (verified, reason) -> {
				this.switches.add(verified + " (" + reason + ")");
				this.master.set(verified);
			});

	@Test
	void followsTheElectedMasterOnceItAnswersMaster() {
		this.master.set(OLD);
		sentinelsSay(NEW, 2, NEW, 2, OLD, 1);
		this.probe.master(NEW);
		resolve();
		assertThat(this.switches).containsExactly(NEW + " (periodic check)");
	}

	@Test
	void anElectedMasterThatDoesNotAnswerMasterIsNotFollowed() {
		this.master.set(OLD);
		sentinelsSay(NEW, 2, NEW, 2, NEW, 2);
		this.probe.replica(NEW, OLD);
		resolve();
		this.probe.silent(NEW);
		resolve();
		assertThat(this.switches).isEmpty();
	}

	@Test
	void theFirstMasterIsVerifiedToo() {
		sentinelsSay(OLD, 1, OLD, 1, OLD, 1);
		resolve();
		assertThat(this.switches).isEmpty();
		this.probe.master(OLD);
		resolve();
		assertThat(this.switches).containsExactly(OLD + " (periodic check)");
	}

	@Test
	void aLaggingSentinelDoesNotTakeTheClientBackToAFencedOldMaster() {
		this.master.set(NEW);
		this.channels.masterSwitched(OLD, NEW);
		sentinelsSay(OLD, 3, OLD, 3, NEW, 2);
		this.probe.master(OLD).master(NEW);
		resolve();
		assertThat(this.switches).isEmpty();
		assertThat(this.channels.fenced()).containsExactly(OLD);
	}

	@Test
	void aFencedOldMasterIsTakenBackWhenTheCurrentOneIsAReplica() {
		this.master.set(NEW);
		this.channels.masterSwitched(OLD, NEW);
		sentinelsSay(OLD, 3, OLD, 3, OLD, 3);
		this.probe.master(OLD).replica(NEW, OLD);
		resolve();
		assertThat(this.switches).containsExactly(OLD + " (periodic check)");
		assertThat(this.channels.fenced()).doesNotContain(OLD);
	}

	@Test
	void aMasterThatAnsweredReadOnlyIsLeftForTheNodeItReplicatesFrom() {
		this.master.set(OLD);
		readOnlyFrom(OLD);
		sentinelsSay(OLD, 1, OLD, 1, OLD, 1);
		this.probe.replica(OLD, NEW).master(NEW);
		resolve();
		assertThat(this.switches).containsExactly(NEW + " (periodic check; " + OLD + " replicates from it)");
	}

	@Test
	void aMasterThatAnsweredReadOnlyStaysWhenItsUpstreamIsNoMaster() {
		this.master.set(OLD);
		readOnlyFrom(OLD);
		sentinelsSay(OLD, 1, OLD, 1, OLD, 1);
		this.probe.replica(OLD, NEW).replica(NEW, OTHER);
		resolve();
		assertThat(this.switches).isEmpty();
	}

	@Test
	void downReportsAreForgottenWhenNoSentinelFlagsTheMaster() {
		this.master.set(OLD);
		this.masterDown.objectivelyDown(true);
		assertThat(this.masterDown.isDown()).isTrue();
		this.scheduler.advance(java.time.Duration.ofSeconds(1));
		this.answers = List.of(new MasterAnswer(S1, OLD, 1, true), new MasterAnswer(S2, OLD, 1, false));
		resolve();
		assertThat(this.masterDown.isDown()).as("one sentinel still flags it").isTrue();
		sentinelsSay(OLD, 1, OLD, 1, OLD, 1);
		resolve();
		assertThat(this.masterDown.isDown()).isFalse();
	}

	@Test
	void noAnswerFollowsNothing() {
		this.master.set(OLD);
		resolve();
		assertThat(this.switches).isEmpty();
		assertThat(this.probe.asked()).isEmpty();
	}

	@Test
	void unfencesAnOldMasterThatAnswersAsAReplicaButNeverTheCurrentOne() {
		this.master.set(NEW);
		this.channels.masterSwitched(OLD, NEW);
		readOnlyFrom(NEW);
		this.probe.master(OLD);
		this.resolution.checkFenced(OLD);
		this.scheduler.runDue();
		assertThat(this.channels.fenced()).contains(OLD);
		this.probe.replica(OLD, NEW).replica(NEW, OLD);
		this.resolution.checkFenced(OLD);
		this.resolution.checkFenced(NEW);
		this.scheduler.runDue();
		assertThat(this.channels.fenced()).containsExactly(NEW);
	}

	@Test
	void aRefusingNodeIsRoutedToAgainOnceItAnswers() {
		this.master.set(NEW);
		RedisEndpoint replica = OTHER;
		this.client.connectRefusedBy(replica);
		this.resolution.checkRefused();
		this.scheduler.runDue();
		assertThat(this.channels.refusedNodes()).containsExactly(replica);
		this.probe.replica(replica, NEW);
		this.resolution.checkRefused();
		this.scheduler.runDue();
		assertThat(this.channels.refusedNodes()).isEmpty();
	}

	private void resolve() {
		this.resolution.resolve("periodic check");
		this.scheduler.runDue();
	}

	private void readOnlyFrom(RedisEndpoint node) {
		this.client.readOnlyFrom(node);
	}

	private void sentinelsSay(RedisEndpoint first, long firstEpoch, RedisEndpoint second, long secondEpoch,
			RedisEndpoint third, long thirdEpoch) {
		this.answers = List.of(new MasterAnswer(S1, first, firstEpoch, false),
				new MasterAnswer(S2, second, secondEpoch, false), new MasterAnswer(S3, third, thirdEpoch, false));
	}

}
