package io.github.redisha.sentinel;

import java.util.ArrayList;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverListener;
import io.github.redisha.failover.internal.FailoverListeners;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SentinelEventIntake}: what each Sentinel event means for the followed
 * master, without Redis.
 *
 * @author redis-ha
 */
class SentinelEventIntakeTests {

	private static final RedisEndpoint MASTER = new RedisEndpoint("127.0.0.1", 6379);

	private static final RedisEndpoint REPLICA = new RedisEndpoint("127.0.0.1", 6380);

	private static final RedisEndpoint OTHER_MASTER = new RedisEndpoint("127.0.0.1", 6390);

	private static final RedisEndpoint SENTINEL_1 = new RedisEndpoint("127.0.0.1", 26379);

	private static final RedisEndpoint SENTINEL_2 = new RedisEndpoint("127.0.0.1", 26380);

	private static final String ABOUT_MASTER = "master mymaster 127.0.0.1 6379";

	private static final String ABOUT_REPLICA = "slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379";

	private final List<String> reactions = new ArrayList<>();

	private final List<String> counted = new ArrayList<>();

	private final List<Boolean> masterDown = new ArrayList<>();

	private @Nullable RedisEndpoint master = MASTER;

	private final MasterDownState downState = new MasterDownState(System::nanoTime, this.masterDown::add);

	private final SentinelEventIntake intake = new SentinelEventIntake("mymaster", () -> this.master, this.downState,
			FailoverListeners.of(List.of(new FailoverListener() {

				@Override
				public void sentinelEvent(String type) {
					SentinelEventIntakeTests.this.counted.add(type);
				}

			})), new RecordingReactions());

	@Test
	void anEventEverySentinelPublishesIsCountedOnceAndActedOnEachTime() {
		this.intake.accept(SENTINEL_1, "+odown", ABOUT_MASTER + " #quorum 2/2", 0);
		this.intake.accept(SENTINEL_2, "+odown", ABOUT_MASTER + " #quorum 2/2", 1);
		assertThat(this.counted).containsExactly("+odown");
		assertThat(this.masterDown).containsExactly(true, true);
	}

	@Test
	void switchMasterWatchesTheNewMaster() {
		this.intake.accept(SENTINEL_1, "+switch-master", "mymaster 127.0.0.1 6379 127.0.0.1 6380", 0);
		assertThat(this.reactions)
			.containsExactly("promotion " + REPLICA + " +switch-master from sentinel " + SENTINEL_1);
	}

	@Test
	void aPromotionOfTheCurrentMastersReplicaIsWatchedAndHoldsTheMaster() {
		this.intake.accept(SENTINEL_1, "+failover-state-wait-promotion", ABOUT_REPLICA, 0);
		assertThat(this.reactions)
			.containsExactly("promotion " + REPLICA + " +failover-state-wait-promotion from sentinel " + SENTINEL_1);
		assertThat(this.masterDown).containsExactly(true);
	}

	@Test
	void theTailOfAFailoverOfAMasterAlreadyLeftIsIgnored() {
		this.master = OTHER_MASTER;
		this.intake.accept(SENTINEL_1, "+selected-slave", ABOUT_REPLICA, 0);
		this.intake.accept(SENTINEL_1, "+try-failover", ABOUT_MASTER, 0);
		this.intake.accept(SENTINEL_1, "+sdown", ABOUT_MASTER, 0);
		assertThat(this.reactions).isEmpty();
		assertThat(this.masterDown).isEmpty();
	}

	@Test
	void eventsOfAnotherMasterNameAreOnlyCounted() {
		this.intake.accept(SENTINEL_1, "+sdown", "master other 127.0.0.1 6379", 0);
		this.intake.accept(SENTINEL_1, "+switch-master", "other 127.0.0.1 6379 127.0.0.1 6380", 0);
		assertThat(this.counted).containsExactly("+sdown", "+switch-master");
		assertThat(this.reactions).isEmpty();
		assertThat(this.masterDown).isEmpty();
	}

	@Test
	void theMasterIsDownUntilEveryReportingSentinelTakesItBack() {
		this.intake.accept(SENTINEL_1, "+sdown", ABOUT_MASTER, 0);
		this.intake.accept(SENTINEL_2, "+sdown", ABOUT_MASTER, 0);
		this.intake.accept(SENTINEL_1, "-sdown", ABOUT_MASTER, 0);
		assertThat(this.downState.isDown()).isTrue();
		this.intake.accept(SENTINEL_2, "-sdown", ABOUT_MASTER, 0);
		assertThat(this.downState.isDown()).isFalse();
	}

	@Test
	void aReplicaDownAndBackIsReportedAndItsRoleChecked() {
		this.intake.accept(SENTINEL_1, "+sdown", ABOUT_REPLICA, 0);
		this.intake.accept(SENTINEL_1, "-sdown", ABOUT_REPLICA, 0);
		assertThat(this.reactions).containsExactly("replica " + REPLICA + " down", "replica " + REPLICA + " up",
				"role " + REPLICA);
		assertThat(this.masterDown).isEmpty();
	}

	@Test
	void theEndOfAFailoverReleasesTheMasterAndResolves() {
		this.intake.accept(SENTINEL_1, "+try-failover", ABOUT_MASTER, 0);
		this.intake.accept(SENTINEL_1, "+failover-end", ABOUT_MASTER, 0);
		assertThat(this.masterDown).containsExactly(true, false);
		assertThat(this.reactions).containsExactly("resolve +failover-end");
	}

	@Test
	void anAbortedFailoverStopsWatchingPromotionsAndResolves() {
		this.intake.accept(SENTINEL_1, "+elected-leader", ABOUT_MASTER, 0);
		this.intake.accept(SENTINEL_1, "-failover-abort-no-good-slave", ABOUT_MASTER, 0);
		assertThat(this.masterDown).containsExactly(true, false);
		assertThat(this.reactions).containsExactly("aborted", "resolve -failover-abort-no-good-slave");
	}

	@Test
	void aNodeThatMayHaveChangedRoleIsChecked() {
		this.intake.accept(SENTINEL_1, "+convert-to-slave", ABOUT_REPLICA, 0);
		assertThat(this.reactions).containsExactly("role " + REPLICA);
	}

	@Test
	void anAnnouncedSentinelIsAdded() {
		this.intake.accept(SENTINEL_1, "+sentinel", "sentinel 4a7c1e 127.0.0.1 26381 @ mymaster 127.0.0.1 6379", 0);
		assertThat(this.reactions).containsExactly("sentinel " + new RedisEndpoint("127.0.0.1", 26381));
	}

	private final class RecordingReactions implements SentinelEventIntake.Reactions {

		@Override
		public void sentinelDiscovered(RedisEndpoint sentinel) {
			SentinelEventIntakeTests.this.reactions.add("sentinel " + sentinel);
		}

		@Override
		public void promotionStarted(RedisEndpoint candidate, String reason) {
			SentinelEventIntakeTests.this.reactions.add("promotion " + candidate + " " + reason);
		}

		@Override
		public void failoverAborted() {
			SentinelEventIntakeTests.this.reactions.add("aborted");
		}

		@Override
		public void resolve(String reason) {
			SentinelEventIntakeTests.this.reactions.add("resolve " + reason);
		}

		@Override
		public void replicaReportedDown(RedisEndpoint replica, boolean down) {
			SentinelEventIntakeTests.this.reactions.add("replica " + replica + (down ? " down" : " up"));
		}

		@Override
		public void roleMayHaveChanged(RedisEndpoint node) {
			SentinelEventIntakeTests.this.reactions.add("role " + node);
		}

	}

}
