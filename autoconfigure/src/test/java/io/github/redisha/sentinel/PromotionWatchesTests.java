package io.github.redisha.sentinel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.CannedNodeProbe;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.ManualScheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PromotionWatches}: canned {@code ROLE} answers in, the promotion out,
 * time moved by hand.
 *
 * @author redis-ha
 */
class PromotionWatchesTests {

	private static final RedisEndpoint MASTER = new RedisEndpoint("127.0.0.1", 6379);

	private static final RedisEndpoint CANDIDATE = new RedisEndpoint("127.0.0.1", 6380);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FailoverThread thread = this.scheduler.thread();

	private final CannedNodeProbe probe = new CannedNodeProbe().replica(CANDIDATE, MASTER);

	private final List<String> promoted = new ArrayList<>();

	private final PromotionWatches watches = new PromotionWatches(this.thread, this.probe,
			(candidate, reason) -> this.promoted.add(candidate + " (" + reason + ")"));

	@Test
	void tellsThePromotionTheMomentTheCandidateAnswersMaster() {
		this.watches.watch(CANDIDATE, "+selected-slave");
		this.scheduler.advance(Duration.ofMillis(200));
		assertThat(this.promoted).isEmpty();
		assertThat(this.probe.roleQuestions(CANDIDATE)).isEqualTo(21);
		this.probe.master(CANDIDATE);
		this.scheduler.advance(Duration.ofMillis(10));
		assertThat(this.promoted).containsExactly(CANDIDATE + " (+selected-slave)");
		assertThat(this.watches.isWatching(CANDIDATE)).isFalse();
		this.probe.clearAsked();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.probe.asked()).isEmpty();
		assertThat(this.promoted).hasSize(1);
	}

	@Test
	void aCandidateIsWatchedOnce() {
		this.watches.watch(CANDIDATE, "+selected-slave");
		this.watches.watch(CANDIDATE, "+failover-state-wait-promotion");
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(this.probe.roleQuestions(CANDIDATE)).isEqualTo(11);
		this.probe.master(CANDIDATE);
		this.scheduler.advance(Duration.ofMillis(10));
		assertThat(this.promoted).containsExactly(CANDIDATE + " (+selected-slave)");
	}

	@Test
	void givesUpAfterItsWatch() {
		this.watches.watch(CANDIDATE, "+selected-slave");
		this.scheduler.advance(PromotionWatches.WATCH.plusMillis(20));
		assertThat(this.watches.isWatching(CANDIDATE)).isFalse();
		this.probe.master(CANDIDATE).clearAsked();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.probe.asked()).isEmpty();
		assertThat(this.promoted).isEmpty();
	}

	@Test
	void aCancelledWatchTellsNothing() {
		this.probe.freeze(CANDIDATE);
		this.watches.watch(CANDIDATE, "+selected-slave");
		this.watches.cancelAll();
		this.probe.master(CANDIDATE).thaw(CANDIDATE);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.promoted).isEmpty();
		assertThat(this.probe.roleQuestions(CANDIDATE)).isEqualTo(1);
	}

	@Test
	void aCandidateThatDoesNotAnswerIsAskedAgain() {
		this.probe.silent(CANDIDATE);
		this.watches.watch(CANDIDATE, "+selected-slave");
		this.scheduler.advance(Duration.ofMillis(50));
		assertThat(this.probe.roleQuestions(CANDIDATE)).isEqualTo(6);
		this.probe.master(CANDIDATE);
		this.scheduler.advance(Duration.ofMillis(10));
		assertThat(this.promoted).hasSize(1);
	}

}
