package io.github.redisha.failover;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeldWrites}: what a channel kept during a write hold is written out in
 * order, or handed back to its connection with the promises done.
 *
 * @author redis-ha
 */
class HeldWritesTests {

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final HeldWrites held = new HeldWrites();

	private final Command<String, String, String> set = command(CommandType.SET);

	private final Command<String, String, String> incr = command(CommandType.INCR);

	private final List<Object> batch = List.of(command(CommandType.LPUSH), command(CommandType.EXPIRE));

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void writesThroughInTheOrderWritten() {
		ChannelPromise first = this.channel.newPromise();
		ChannelPromise second = this.channel.newPromise();
		ChannelPromise third = this.channel.newPromise();
		this.held.add(this.set, first);
		this.held.add(this.batch, second);
		this.held.add(this.incr, third);
		assertThat(this.held.isEmpty()).isFalse();
		List<Object> written = new ArrayList<>();
		List<ChannelPromise> promises = new ArrayList<>();
		this.held.writeThrough((msg, promise) -> {
			written.add(msg);
			promises.add(promise);
		});
		assertThat(written).containsExactly(this.set, this.batch, this.incr);
		assertThat(promises).containsExactly(first, second, third);
		assertThat(this.held.isEmpty()).isTrue();
		assertThat(first.isDone()).as("the channel completes it when written").isFalse();
	}

	@Test
	void aClosedChannelHandsItsCommandsBackToItsConnection() {
		ChannelPromise first = this.channel.newPromise();
		ChannelPromise second = this.channel.newPromise();
		this.held.add(this.set, first);
		this.held.add(this.batch, second);
		RecordingChannelWriter connection = new RecordingChannelWriter();
		this.held.requeue(connection.writer);
		assertThat(connection.written).containsExactly(this.set, this.batch);
		assertThat(first.isSuccess()).isTrue();
		assertThat(second.isSuccess()).isTrue();
		assertThat(this.held.isEmpty()).isTrue();
		assertThat(this.set.isDone()).as("the command itself is still to be answered").isFalse();
	}

	@Test
	void nothingHeldWritesNothing() {
		RecordingChannelWriter connection = new RecordingChannelWriter();
		this.held.requeue(connection.writer);
		this.held.writeThrough((msg, promise) -> connection.written.add(msg));
		assertThat(connection.written).isEmpty();
	}

	private static Command<String, String, String> command(CommandType type) {
		return new Command<>(type, new StatusOutput<>(StringCodec.UTF8));
	}

}
