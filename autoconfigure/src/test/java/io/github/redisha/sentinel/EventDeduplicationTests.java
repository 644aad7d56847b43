package io.github.redisha.sentinel;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventDeduplication}.
 *
 * @author redis-ha
 */
class EventDeduplicationTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private static final String ODOWN = "master mymaster 127.0.0.1 6379";

	private final EventDeduplication deduplication = new EventDeduplication();

	@Test
	void theSameEventFromEverySentinelIsNewOnce() {
		assertThat(this.deduplication.isNew("+odown", ODOWN + " #quorum 2/2", 0)).isTrue();
		assertThat(this.deduplication.isNew("+odown", ODOWN + " #quorum 3/2", SECOND / 10)).isFalse();
		assertThat(this.deduplication.isNew("+odown", ODOWN, SECOND / 5)).isFalse();
	}

	@Test
	void differentEventsAreEachNew() {
		assertThat(this.deduplication.isNew("+odown", ODOWN, 0)).isTrue();
		assertThat(this.deduplication.isNew("-odown", ODOWN, 0)).isTrue();
		assertThat(this.deduplication.isNew("+odown", "master other 127.0.0.1 6390", 0)).isTrue();
	}

	@Test
	void theSameEventAfterTheWindowIsNewAgain() {
		assertThat(this.deduplication.isNew("+sdown", ODOWN, 0)).isTrue();
		assertThat(this.deduplication.isNew("+sdown", ODOWN, 5 * SECOND)).isFalse();
		assertThat(this.deduplication.isNew("+sdown", ODOWN, 5 * SECOND + 1)).isTrue();
	}

	@Test
	void expireForgetsOnlyEventsOlderThanTheWindow() {
		this.deduplication.isNew("+sdown", ODOWN, 0);
		this.deduplication.isNew("-sdown", ODOWN, 3 * SECOND);
		this.deduplication.expire(6 * SECOND);
		assertThat(this.deduplication.remembered()).isOne();
		assertThat(this.deduplication.isNew("-sdown", ODOWN, 6 * SECOND)).isFalse();
	}

}
