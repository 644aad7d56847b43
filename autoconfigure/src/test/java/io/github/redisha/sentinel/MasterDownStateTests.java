package io.github.redisha.sentinel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MasterDownState}.
 *
 * @author redis-ha
 */
class MasterDownStateTests {

	private static final RedisEndpoint SENTINEL_1 = new RedisEndpoint("10.0.0.9", 26379);

	private static final RedisEndpoint SENTINEL_2 = new RedisEndpoint("10.0.0.9", 26380);

	private final List<Boolean> published = new ArrayList<>();

	private long now = 1000;

	private final MasterDownState state = new MasterDownState(() -> this.now, this.published::add);

	@Test
	void theMasterStaysDownUntilEverySentinelTakesItsReportBack() {
		this.state.subjectivelyDown(SENTINEL_1, true);
		this.state.subjectivelyDown(SENTINEL_2, true);
		this.state.subjectivelyDown(SENTINEL_1, false);
		assertThat(this.state.isDown()).isTrue();
		this.state.subjectivelyDown(SENTINEL_2, false);
		assertThat(this.state.isDown()).isFalse();
		assertThat(this.published).containsExactly(true, true, true, false);
	}

	@Test
	void objectivelyDownAndFailoverInProgressEachMeanDown() {
		this.state.objectivelyDown(true);
		assertThat(this.state.isDown()).isTrue();
		this.state.objectivelyDown(false);
		this.state.failoverInProgress(true);
		assertThat(this.state.isDown()).isTrue();
		assertThat(this.published).containsExactly(true, false, true);
	}

	@Test
	void anUnchangedFailoverFlagPublishesNothing() {
		this.state.failoverInProgress(false);
		this.state.failoverInProgress(true);
		this.state.failoverInProgress(true);
		assertThat(this.published).containsExactly(true);
	}

	@Test
	void sentinelsThatNoLongerFlagTheMasterClearOlderReports() {
		this.state.subjectivelyDown(SENTINEL_1, true);
		this.now = 2000;
		this.state.notFlaggedSince(1500);
		assertThat(this.state.isDown()).isFalse();
		assertThat(this.published).containsExactly(true, false);
	}

	@Test
	void aReportNewerThanTheAnswersWins() {
		this.now = 2000;
		this.state.subjectivelyDown(SENTINEL_1, true);
		this.state.notFlaggedSince(1500);
		assertThat(this.state.isDown()).isTrue();
		assertThat(this.published).containsExactly(true);
	}

	@Test
	void theFailoverDurationRunsFromTheFirstReportAndRestarts() {
		assertThat(this.state.takeFailureDuration()).isNull();
		this.state.subjectivelyDown(SENTINEL_1, true);
		this.now = 1700;
		this.state.objectivelyDown(true);
		this.now = 4000;
		assertThat(this.state.takeFailureDuration()).isEqualTo(Duration.ofNanos(3000));
		assertThat(this.state.takeFailureDuration()).isNull();
	}

	@Test
	void forgetClearsEveryReportWithoutPublishing() {
		this.state.subjectivelyDown(SENTINEL_1, true);
		this.state.objectivelyDown(true);
		this.state.failoverInProgress(true);
		this.published.clear();
		this.state.forget();
		assertThat(this.state.isDown()).isFalse();
		assertThat(this.published).isEmpty();
	}

}
