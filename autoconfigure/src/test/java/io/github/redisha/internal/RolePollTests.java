package io.github.redisha.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RolePoll}, with canned answers and time moved by hand.
 *
 * @author redis-ha
 */
class RolePollTests {

	private static final RedisEndpoint PRIMARY = new RedisEndpoint("127.0.0.1", 7000);

	private static final RedisEndpoint REPLICA = new RedisEndpoint("127.0.0.1", 7003);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FailoverThread thread = this.scheduler.thread();

	private final CannedNodeProbe probe = new CannedNodeProbe().replica(REPLICA, PRIMARY);

	private final List<String> answers = new ArrayList<>();

	private final AtomicInteger expired = new AtomicInteger();

	private final AtomicBoolean keepAsking = new AtomicBoolean(true);

	@Test
	void asksEveryNodeEveryTickAndHandsOverTheAnswers() {
		start(true);
		this.scheduler.runDue();
		assertThat(this.answers).containsExactly(PRIMARY + "=null", REPLICA + "=slave");
		this.scheduler.advance(Duration.ofMillis(RolePoll.TICK_MILLIS * 3));
		assertThat(this.probe.roleQuestions(REPLICA)).isEqualTo(4);
		assertThat(this.probe.roleQuestions(PRIMARY)).isEqualTo(4);
	}

	@Test
	void theFirstTickMayWaitOneTick() {
		start(false);
		this.scheduler.runDue();
		assertThat(this.probe.asked()).isEmpty();
		this.scheduler.advance(Duration.ofMillis(RolePoll.TICK_MILLIS));
		assertThat(this.probe.asked()).hasSize(2);
	}

	@Test
	void aFrozenNodeHasOneOpenQuestionAtATime() {
		this.probe.freeze(PRIMARY);
		start(true, Duration.ofSeconds(10));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.probe.roleQuestions(PRIMARY)).isEqualTo(1);
		assertThat(this.probe.roleQuestions(REPLICA)).isEqualTo(101);
		this.probe.master(PRIMARY).thaw(PRIMARY);
		this.scheduler.advance(Duration.ofMillis(RolePoll.TICK_MILLIS));
		assertThat(this.answers).contains(PRIMARY + "=master");
		assertThat(this.probe.roleQuestions(PRIMARY)).isEqualTo(2);
	}

	@Test
	void theListenerEndsThePollBeforeATick() {
		start(true);
		this.scheduler.advance(Duration.ofMillis(RolePoll.TICK_MILLIS));
		this.keepAsking.set(false);
		this.probe.clearAsked();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.probe.asked()).isEmpty();
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.expired).hasValue(0);
	}

	@Test
	void expiresAtItsDeadline() {
		start(true);
		this.scheduler.advance(Duration.ofMillis(990));
		assertThat(this.expired).hasValue(0);
		this.scheduler.advance(Duration.ofMillis(30));
		assertThat(this.expired).hasValue(1);
		this.probe.clearAsked();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.probe.asked()).isEmpty();
		assertThat(this.expired).hasValue(1);
	}

	@Test
	void stopDropsOpenAnswersAndAsksNoMore() {
		this.probe.freeze(REPLICA);
		RolePoll poll = start(true);
		poll.stop();
		this.probe.thaw(REPLICA);
		this.probe.clearAsked();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.answers).isEmpty();
		assertThat(this.probe.asked()).isEmpty();
	}

	private RolePoll start(boolean askNow) {
		return start(askNow, Duration.ofSeconds(1));
	}

	private RolePoll start(boolean askNow, Duration max) {
		return RolePoll.start(this.thread, this.probe, "a test poll", List.of(PRIMARY, REPLICA), max, askNow,
				new RolePoll.Listener() {

					@Override
					public void answered(RedisEndpoint node, @Nullable NodeRole role) {
						RolePollTests.this.answers.add(node + "=" + ((role != null) ? role.role() : null));
					}

					@Override
					public boolean keepAsking() {
						return RolePollTests.this.keepAsking.get();
					}

					@Override
					public void expired() {
						RolePollTests.this.expired.incrementAndGet();
					}

				});
	}

}
