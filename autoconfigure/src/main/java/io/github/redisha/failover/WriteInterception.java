package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.failover.internal.JitteredReconnectDelay;
import io.github.redisha.internal.RedisMode;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.ReadOnlyCommands;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TransactionalCommand;
import io.netty.channel.Channel;

/**
 * What happens to data commands on their way to Redis. A command Redis rejected without
 * executing it is held and sent again within a budget: after {@code READONLY} (Sentinel
 * mode) to the re-resolved master, after {@code NOREPLICAS}, {@code LOADING},
 * {@code MASTERDOWN}, {@code TRYAGAIN} or {@code CLUSTERDOWN} to the same node once it is
 * ready, after a short growing delay. With safe writes on, every write is followed by
 * {@code WAIT} and acknowledged only once enough replicas have it. Connection and server
 * commands, Pub/Sub and commands queued inside {@code MULTI} pass untouched; {@code EXEC}
 * is followed by {@code WAIT} but never retried, and neither are scripts and functions,
 * which Redis may reject halfway, after commands without the write flag (such as
 * {@code PUBLISH}) ran.
 *
 * @author redis-ha
 */
final class WriteInterception {

	/**
	 * Not data writes, or commands that must reach exactly the node they were sent to.
	 */
	private static final Set<CommandType> PASS_THROUGH = passThrough();

	private static final String READONLY = "READONLY";

	/** What a replica answers while it cannot serve reads (another node can). */
	private static final Set<String> NOT_SERVING = Set.of("LOADING", "MASTERDOWN");

	/** Scripts and functions: Redis may reject them after part of them ran. */
	private static final Set<CommandType> NEVER_RETRIED = commandTypes("EXEC", "EVAL", "EVALSHA", "EVAL_RO",
			"EVALSHA_RO", "FCALL", "FCALL_RO");

	/**
	 * Longest delay between two attempts of a command rejected by a node that is not
	 * ready yet.
	 */
	private static final Duration RETRY_DELAY_MAX = Duration.ofMillis(100);

	private final ClientChannels channels;

	private final boolean readOnlyRetry;

	private final long retryBudgetNanos;

	private final JitteredReconnectDelay retryDelay;

	private final int safeWriteReplicas;

	private final long safeWriteTimeoutMillis;

	/**
	 * Create a new instance.
	 * @param channels the client's channels
	 * @param readOnlyRetry whether a write answered {@code READONLY} is sent again
	 * @param retryBudget how long after its first rejection a command is still sent again
	 * (at least once for {@code READONLY}); zero sends no other rejected command again
	 * @param retryDelayMin the first delay before a rejected command is sent to the same
	 * node again; it doubles per attempt, up to 100 ms
	 * @param safeWriteReplicas replicas a write must reach, 0 for none
	 * @param safeWriteTimeout how long a safe write waits for them
	 */
	WriteInterception(ClientChannels channels, boolean readOnlyRetry, Duration retryBudget, Duration retryDelayMin,
			int safeWriteReplicas, Duration safeWriteTimeout) {
		this.channels = channels;
		this.readOnlyRetry = readOnlyRetry;
		this.retryBudgetNanos = Math.max(0, retryBudget.toNanos());
		this.retryDelay = new JitteredReconnectDelay(retryDelayMin,
				(retryDelayMin.compareTo(RETRY_DELAY_MAX) > 0) ? retryDelayMin : RETRY_DELAY_MAX,
				FailoverListeners.of(List.of()));
		this.safeWriteReplicas = Math.max(0, safeWriteReplicas);
		this.safeWriteTimeoutMillis = Math.max(1, safeWriteTimeout.toMillis());
	}

	boolean isActive() {
		return retriesRejections() || this.safeWriteReplicas > 0;
	}

	private boolean retriesRejections() {
		return this.retryBudgetNanos > 0 || retriesReadOnly();
	}

	private boolean retriesReadOnly() {
		// without Sentinel there is no other master to retry on
		return this.readOnlyRetry && this.channels.mode() == RedisMode.SENTINEL;
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
		return command instanceof InterceptedCommand || command instanceof ReplicaWait || isEligible(command);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private RedisCommand<?, ?, ?> wrap(RedisCommand<?, ?, ?> command, Channel channel, ChannelRole role,
			RedisChannelWriter endpoint) {
		InterceptedCommand<?, ?, ?> write;
		if (command instanceof InterceptedCommand<?, ?, ?> intercepted) {
			write = intercepted;
		}
		else if (isEligible(command)) {
			write = new InterceptedCommand(command, this, isRetryable(command));
		}
		else {
			return command;
		}
		write.writtenOn(channel, role, endpoint);
		return write;
	}

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
		RedisCommand<?, ?, ?> wrapped = wrap(command, channel, role, endpoint);
		out.add(wrapped);
		if (wrapped instanceof InterceptedCommand<?, ?, ?> write && this.safeWriteReplicas > 0
				&& !ReadOnlyCommands.isReadOnlyCommand(write.getType())) {
			out.add(write.newWait(channel, this.safeWriteReplicas, this.safeWriteTimeoutMillis));
		}
	}

	private boolean isEligible(RedisCommand<?, ?, ?> command) {
		if (!(command.getType() instanceof CommandType type) || PASS_THROUGH.contains(type) || command.isDone()) {
			return false;
		}
		if (type == CommandType.EXEC) {
			return this.safeWriteReplicas > 0;
		}
		if (CommandWrapper.unwrap(command, TransactionalCommand.class) != null) {
			return false;
		}
		if (ReadOnlyCommands.isReadOnlyCommand(type)) {
			// a read can meet LOADING or MASTERDOWN on a replica
			return this.retryBudgetNanos > 0;
		}
		return retriesRejections() || this.safeWriteReplicas > 0;
	}

	private static boolean isRetryable(RedisCommand<?, ?, ?> command) {
		return !NEVER_RETRIED.contains(command.getType());
	}

	/**
	 * Whether a command rejected with this code may be sent again.
	 * @param code the rejection, see
	 * {@link io.github.redisha.internal.RedisFailures#rejectionCode}
	 * @param earlierRejections how often it was rejected before
	 * @param sinceFirstRejection nanoseconds since its first rejection
	 * @return whether the command may be sent again
	 */
	boolean withinBudget(String code, int earlierRejections, long sinceFirstRejection) {
		if (READONLY.equals(code)) {
			// READONLY always gets its one retry, as before the budget existed
			return retriesReadOnly() && (earlierRejections == 0 || sinceFirstRejection < this.retryBudgetNanos);
		}
		return sinceFirstRejection < this.retryBudgetNanos;
	}

	/**
	 * A command was rejected before it ran. After {@code READONLY} (it reached a replica)
	 * fence the node, close its channels and, once this channel is closed, queue the
	 * command on its connection again: it is sent when the connection is back, on the
	 * re-resolved master. A read a replica rejected with {@code LOADING} or
	 * {@code MASTERDOWN} goes the same way, to the master (the shard's primary), while
	 * the replica is routed around. After any other rejection the node is right but not
	 * ready: send the command to it again after a short, growing delay.
	 * @param command the rejected command
	 * @param code the rejection, e.g. {@code READONLY} or {@code LOADING}
	 * @param attempt how many times the command was rejected so far; sets the delay
	 * @param channel the channel it was rejected on
	 * @param role the role of that channel
	 * @param endpoint the writer of the connection to queue the command on
	 * @return whether the command is on its way again; {@code false} when the client is
	 * shutting down
	 */
	boolean retry(InterceptedCommand<?, ?, ?> command, String code, int attempt, Channel channel, ChannelRole role,
			RedisChannelWriter endpoint) {
		this.channels.listeners().rejectedCommandRetried(code);
		if (READONLY.equals(code)) {
			this.channels.listeners().readOnlyRetried();
			channel.closeFuture().addListener((future) -> endpoint.write(command));
			InetSocketAddress node = role.actual();
			this.channels.readOnlyFrom(node);
			channel.close();
			return true;
		}
		if (NOT_SERVING.contains(code) && ReadOnlyCommands.isReadOnlyCommand(command.getType())
				&& this.channels.replicaNotReady(role.actual(), code)) {
			// a replica still loading or cut from its master: the read goes to the master
			// meanwhile (its channels are closed: the command is queued for the
			// reconnect)
			channel.closeFuture().addListener((future) -> endpoint.write(command));
			channel.close();
			return true;
		}
		long delay = this.retryDelay.delayMillis(attempt, ThreadLocalRandom.current().nextDouble());
		try {
			channel.eventLoop().schedule(() -> endpoint.write(command), delay, TimeUnit.MILLISECONDS);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	void writeUnconfirmed() {
		this.channels.listeners().writeUnconfirmed();
	}

	private static Set<CommandType> passThrough() {
		return commandTypes("AUTH", "HELLO", "SELECT", "PING", "QUIT", "RESET", "ROLE", "INFO", "CLIENT", "CONFIG",
				"SLAVEOF", "REPLICAOF", "WAIT", "WAITAOF", "MULTI", "DISCARD", "WATCH", "UNWATCH", "READONLY",
				"READWRITE", "DEBUG", "SHUTDOWN", "FAILOVER", "MONITOR", "SAVE", "BGSAVE", "BGREWRITEAOF", "LASTSAVE",
				"SYNC", "PSYNC", "PUBLISH", "SPUBLISH", "SUBSCRIBE", "UNSUBSCRIBE", "PSUBSCRIBE", "PUNSUBSCRIBE",
				"SSUBSCRIBE", "SUNSUBSCRIBE", "SENTINEL", "CLUSTER", "ASKING", "ACL", "MODULE", "LATENCY", "MEMORY",
				"SLOWLOG", "COMMAND", "ECHO", "TIME", "DBSIZE");
	}

	private static Set<CommandType> commandTypes(String... names) {
		Set<CommandType> types = EnumSet.noneOf(CommandType.class);
		for (String name : names) {
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
