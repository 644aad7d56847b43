package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WriteHold} and how {@link ClientChannels} ends it when the master
 * moves.
 *
 * @author redis-ha
 */
class WriteHoldTests {

	private static final RedisEndpoint OLD = new RedisEndpoint("127.0.0.1", 6379);

	private static final RedisEndpoint NEW = new RedisEndpoint("127.0.0.1", 6380);

	private static final InetSocketAddress OLD_ADDRESS = new InetSocketAddress("127.0.0.1", 6379);

	private static final InetSocketAddress NEW_ADDRESS = new InetSocketAddress("127.0.0.1", 6380);

	@Test
	void holdsOnlyTheNodeBeingFailedOver() {
		WriteHold hold = new WriteHold();
		assertThat(hold.on(OLD_ADDRESS)).isNull();
		assertThat(hold.hold(OLD, 1)).isTrue();
		assertThat(hold.on(OLD_ADDRESS)).isNotNull().isNotDone();
		assertThat(hold.on(NEW_ADDRESS)).isNull();
	}

	@Test
	void aSecondEventOfTheSameFailoverKeepsTheHold() {
		WriteHold hold = new WriteHold();
		hold.hold(OLD, 1);
		CompletableFuture<Void> released = hold.on(OLD_ADDRESS);
		assertThat(hold.hold(OLD, 2)).isFalse();
		assertThat(hold.on(OLD_ADDRESS)).isSameAs(released);
		assertThat(hold.release(11)).isEqualTo(10);
		assertThat(released).isDone();
		assertThat(hold.on(OLD_ADDRESS)).isNull();
		assertThat(hold.release(12)).isEqualTo(-1);
	}

	@Test
	void aTimeoutEndsOnlyTheHoldItWasSetFor() {
		WriteHold hold = new WriteHold();
		hold.hold(OLD, 1);
		CompletableFuture<Void> first = hold.on(OLD_ADDRESS);
		hold.release(5);
		hold.hold(OLD, 7);
		hold.releaseIfSince(1);
		assertThat(first).isDone();
		assertThat(hold.on(OLD_ADDRESS)).isNotNull().isNotDone();
		hold.releaseIfSince(7);
		assertThat(hold.on(OLD_ADDRESS)).isNull();
	}

	@Test
	void theSwitchToTheNewMasterEndsTheHold() {
		ClientChannels channels = new ClientChannels(FailoverListeners.of(List.of()));
		channels.sentinelSide().masterVerified(OLD);
		assertThat(channels.sentinelSide().holdWrites(OLD, 1)).isTrue();
		CompletableFuture<Void> released = channels.writeHold(OLD_ADDRESS);
		assertThat(released).isNotNull().isNotDone();
		channels.sentinelSide().masterSwitched(OLD, NEW);
		assertThat(released).isDone();
		assertThat(channels.writeHold(OLD_ADDRESS)).isNull();
		assertThat(channels.isFenced(OLD_ADDRESS)).isTrue();
	}

}
