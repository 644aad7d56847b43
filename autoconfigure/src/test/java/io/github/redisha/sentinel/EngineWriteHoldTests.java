package io.github.redisha.sentinel;

import java.time.Duration;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.TestClientChannels;
import io.github.redisha.failover.internal.SentinelChannels;
import io.github.redisha.internal.ManualScheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EngineWriteHold}, the Sentinel engine's write hold, on a real client
 * side with time moved by hand.
 *
 * @author redis-ha
 */
class EngineWriteHoldTests {

	private static final Duration MAX = Duration.ofSeconds(5);

	private static final RedisEndpoint OLD = new RedisEndpoint("127.0.0.1", 6379);

	private static final RedisEndpoint NEW = new RedisEndpoint("127.0.0.1", 6380);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final TestClientChannels client = new TestClientChannels();

	private final SentinelChannels channels = this.client.sentinelSide();

	private final EngineWriteHold hold = new EngineWriteHold(this.scheduler.thread(), this.channels, MAX);

	@Test
	void holdsTheMasterBeingFailedOverForAtMostTheMaximum() {
		this.hold.begin(OLD);
		assertThat(this.client.writesHeldFor(OLD)).isTrue();
		assertThat(this.client.writesHeldFor(NEW)).isFalse();
		this.scheduler.advance(MAX.minusMillis(1));
		assertThat(this.client.writesHeldFor(OLD)).isTrue();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.client.writesHeldFor(OLD)).isFalse();
		assertThat(this.hold.switched()).as("the hold ran out").isNull();
	}

	@Test
	void aSecondEventOfTheSameFailoverDoesNotExtendTheHold() {
		this.hold.begin(OLD);
		this.scheduler.advance(Duration.ofSeconds(2));
		this.hold.begin(OLD);
		this.scheduler.advance(MAX.minusSeconds(2));
		assertThat(this.client.writesHeldFor(OLD)).isFalse();
	}

	@Test
	void anAbortedFailoverReleasesAtOnce() {
		this.hold.begin(OLD);
		this.hold.abort();
		assertThat(this.client.writesHeldFor(OLD)).isFalse();
		assertThat(this.hold.switched()).isNull();
	}

	@Test
	void theSwitchTellsHowLongCommandsWereHeld() {
		this.hold.begin(OLD);
		this.scheduler.advance(Duration.ofMillis(1200));
		assertThat(this.hold.switched()).isEqualTo(Duration.ofMillis(1200));
		this.channels.masterSwitched(OLD, NEW);
		assertThat(this.client.writesHeldFor(OLD)).isFalse();
		assertThat(this.hold.switched()).as("told once").isNull();
	}

	@Test
	void theTimeoutOfAnEarlierHoldLeavesALaterOneAlone() {
		this.hold.begin(OLD);
		this.scheduler.advance(Duration.ofSeconds(1));
		this.hold.switched();
		this.channels.masterSwitched(OLD, NEW);
		this.scheduler.advance(Duration.ofSeconds(1));
		this.hold.begin(NEW);
		this.scheduler.advance(MAX.minusSeconds(2));
		assertThat(this.client.writesHeldFor(NEW)).as("the first hold's timeout passed").isTrue();
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(this.client.writesHeldFor(NEW)).isFalse();
	}

	@Test
	void noMaximumHoldsNothing() {
		EngineWriteHold off = new EngineWriteHold(this.scheduler.thread(), this.channels, Duration.ZERO);
		off.begin(OLD);
		assertThat(this.client.writesHeldFor(OLD)).isFalse();
		assertThat(this.scheduler.pending()).isEmpty();
	}

}
