package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.redisha.failover.ClientChannels.ChannelRole;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.ReadOnlyCommands;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TransactionalCommand;
import io.netty.channel.Channel;

/**
 * What happens to data writes on their way to Redis: in Sentinel mode a write answered
 * with {@code READONLY} is sent once more, to the re-resolved master; with safe writes
 * on, every write is followed by {@code WAIT} and acknowledged only once enough replicas
 * have it. Reads, connection and server commands, Pub/Sub and commands queued inside
 * {@code MULTI} pass untouched; {@code EXEC} is followed by {@code WAIT} but never
 * retried.
 *
 * @author redis-ha
 */
final class WriteInterception {

	/**
	 * Not data writes, or commands that must reach exactly the node they were sent to.
	 */
	private static final Set<CommandType> PASS_THROUGH = passThrough();

	private final ClientChannels channels;

	private final boolean readOnlyRetry;

	private final int safeWriteReplicas;

	private final long safeWriteTimeoutMillis;

	WriteInterception(ClientChannels channels, boolean readOnlyRetry, int safeWriteReplicas,
			Duration safeWriteTimeout) {
		this.channels = channels;
		this.readOnlyRetry = readOnlyRetry;
		this.safeWriteReplicas = Math.max(0, safeWriteReplicas);
		this.safeWriteTimeoutMillis = Math.max(1, safeWriteTimeout.toMillis());
	}

	boolean isActive() {
		return retriesReadOnly() || this.safeWriteReplicas > 0;
	}

	private boolean retriesReadOnly() {
		// without Sentinel there is no other master to retry on
		return this.readOnlyRetry && this.channels.isSentinelMode();
	}

	int safeWriteReplicas() {
		return this.safeWriteReplicas;
	}

	/**
	 * Wrap the writes in an outbound message (one command or a batch).
	 * @param msg the message
	 * @param channel the channel it is written to
	 * @param role where the channel goes
	 * @param endpoint the connection's endpoint, to send a retried write again
	 * @return the message to write
	 */
	Object intercept(Object msg, Channel channel, ChannelRole role, RedisChannelWriter endpoint) {
		if (msg instanceof RedisCommand<?, ?, ?> command) {
			if (this.safeWriteReplicas == 0 && !(command instanceof ReplicaWait)) {
				// the common case: one command, no WAIT to add
				return wrap(command, channel, role, endpoint);
			}
			if (!needsWork(command)) {
				return msg;
			}
			List<RedisCommand<?, ?, ?>> out = new ArrayList<>(2);
			add(out, command, channel, role, endpoint);
			return (out.size() == 1) ? out.get(0) : out;
		}
		if (msg instanceof Collection<?> batch) {
			List<RedisCommand<?, ?, ?>> out = new ArrayList<>(batch.size() + 1);
			for (Object element : batch) {
				add(out, (RedisCommand<?, ?, ?>) element, channel, role, endpoint);
			}
			return out;
		}
		return msg;
	}

	private boolean needsWork(RedisCommand<?, ?, ?> command) {
		return command instanceof InterceptedWrite || command instanceof ReplicaWait || isEligible(command);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private RedisCommand<?, ?, ?> wrap(RedisCommand<?, ?, ?> command, Channel channel, ChannelRole role,
			RedisChannelWriter endpoint) {
		InterceptedWrite<?, ?, ?> write;
		if (command instanceof InterceptedWrite<?, ?, ?> intercepted) {
			write = intercepted;
		}
		else if (isEligible(command)) {
			write = new InterceptedWrite(command, this, retriesReadOnly() && isRetryable(command));
		}
		else {
			return command;
		}
		write.writtenOn(channel, role, endpoint);
		return write;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private void add(List<RedisCommand<?, ?, ?>> out, RedisCommand<?, ?, ?> command, Channel channel, ChannelRole role,
			RedisChannelWriter endpoint) {
		if (command instanceof ReplicaWait wait) {
			// a WAIT replayed after a reconnect would measure the new connection, not its
			// write
			if (wait.channel() == channel) {
				out.add(wait);
			}
			else {
				wait.abandon();
			}
			return;
		}
		InterceptedWrite<?, ?, ?> write;
		if (command instanceof InterceptedWrite<?, ?, ?> intercepted) {
			write = intercepted;
		}
		else if (isEligible(command)) {
			write = new InterceptedWrite(command, this, retriesReadOnly() && isRetryable(command));
		}
		else {
			out.add(command);
			return;
		}
		write.writtenOn(channel, role, endpoint);
		out.add(write);
		if (this.safeWriteReplicas > 0) {
			out.add(write.newWait(channel, this.safeWriteReplicas, this.safeWriteTimeoutMillis));
		}
	}

	private boolean isEligible(RedisCommand<?, ?, ?> command) {
		if (!(command.getType() instanceof CommandType type) || PASS_THROUGH.contains(type)
				|| ReadOnlyCommands.isReadOnlyCommand(type) || command.isDone()) {
			return false;
		}
		if (type == CommandType.EXEC) {
			return this.safeWriteReplicas > 0;
		}
		if (CommandWrapper.unwrap(command, TransactionalCommand.class) != null) {
			return false;
		}
		return retriesReadOnly() || this.safeWriteReplicas > 0;
	}

	private static boolean isRetryable(RedisCommand<?, ?, ?> command) {
		return command.getType() != CommandType.EXEC;
	}

	/**
	 * A write was answered with {@code READONLY}: fence the node, close its channels and,
	 * once this channel is closed, queue the write on its connection again; it is sent
	 * when the connection is back, on the re-resolved master.
	 * @param write the write that was answered with {@code READONLY}
	 * @param channel the channel it was sent on
	 * @param role the role of that channel
	 * @param endpoint the writer of the connection to queue the write on
	 */
	void retryOnMaster(InterceptedWrite<?, ?, ?> write, Channel channel, ChannelRole role,
			RedisChannelWriter endpoint) {
		this.channels.listeners().readOnlyRetried();
		channel.closeFuture().addListener((future) -> endpoint.write(write));
		InetSocketAddress node = role.actual();
		this.channels.readOnlyFrom(node);
		channel.close();
	}

	void writeUnconfirmed() {
		this.channels.listeners().writeUnconfirmed();
	}

	private static Set<CommandType> passThrough() {
		Set<CommandType> types = EnumSet.noneOf(CommandType.class);
		for (String name : List.of("AUTH", "HELLO", "SELECT", "PING", "QUIT", "RESET", "ROLE", "INFO", "CLIENT",
				"CONFIG", "SLAVEOF", "REPLICAOF", "WAIT", "WAITAOF", "MULTI", "DISCARD", "WATCH", "UNWATCH", "READONLY",
				"READWRITE", "DEBUG", "SHUTDOWN", "FAILOVER", "MONITOR", "SAVE", "BGSAVE", "BGREWRITEAOF", "LASTSAVE",
				"SYNC", "PSYNC", "PUBLISH", "SPUBLISH", "SUBSCRIBE", "UNSUBSCRIBE", "PSUBSCRIBE", "PUNSUBSCRIBE",
				"SSUBSCRIBE", "SUNSUBSCRIBE", "SENTINEL", "CLUSTER", "ASKING", "ACL", "MODULE", "LATENCY", "MEMORY",
				"SLOWLOG", "COMMAND", "ECHO", "TIME", "DBSIZE")) {
			try {
				types.add(CommandType.valueOf(name));
			}
			catch (IllegalArgumentException ex) {
				// not a command of this Lettuce version
			}
		}
		return types;
	}

}
