package io.github.redisha.failover;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.channel.ChannelPromise;

/**
 * The commands one channel keeps while a {@link WriteHold} applies to it, in the order
 * they were written. Used on the channel's event loop only.
 *
 * @author redis-ha
 */
final class HeldWrites {

	private final List<Object> messages = new ArrayList<>();

	private final List<ChannelPromise> promises = new ArrayList<>();

	boolean isEmpty() {
		return this.messages.isEmpty();
	}

	void add(Object msg, ChannelPromise promise) {
		this.messages.add(msg);
		this.promises.add(promise);
	}

	/**
	 * Write the kept commands on their channel, in order.
	 * @param write writes one message with its promise
	 */
	void writeThrough(BiConsumer<Object, ChannelPromise> write) {
		List<Object> messages = List.copyOf(this.messages);
		List<ChannelPromise> promises = List.copyOf(this.promises);
		clear();
		for (int i = 0; i < messages.size(); i++) {
			write.accept(messages.get(i), promises.get(i));
		}
	}

	/**
	 * The channel closed with commands kept (the client left the master, or the
	 * connection dropped): hand them to their connection again, which sends them once it
	 * is connected again, to the master then followed. Their writes on this channel are
	 * done with.
	 * @param endpoint the connection's writer
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void requeue(RedisChannelWriter endpoint) {
		List<Object> messages = List.copyOf(this.messages);
		List<ChannelPromise> promises = List.copyOf(this.promises);
		clear();
		for (int i = 0; i < messages.size(); i++) {
			promises.get(i).trySuccess();
			Object msg = messages.get(i);
			if (msg instanceof RedisCommand<?, ?, ?> command) {
				endpoint.write((RedisCommand) command);
			}
			else if (msg instanceof Collection<?> commands) {
				endpoint.write((Collection) commands);
			}
		}
	}

	private void clear() {
		this.messages.clear();
		this.promises.clear();
	}

}
