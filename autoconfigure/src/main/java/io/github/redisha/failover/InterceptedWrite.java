package io.github.redisha.failover;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

import io.github.redisha.internal.RedisFailures;
import io.github.redisha.failover.ClientChannels.ChannelRole;

/**
 * A data write on its way through {@link WriteInterception}. Its completion is held back
 * when the reply is {@code READONLY} (the write is sent once more, to the master) or, with
 * safe writes, until the {@code WAIT} that follows it has answered.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <T> result type
 * @author redis-ha
 */
final class InterceptedWrite<K, V, T> extends CommandWrapper<K, V, T> {

	private final WriteInterception interception;

	private final boolean retryAllowed;

	private boolean retried;

	// set on the event loop of the channel the write goes to, read on the one it completes on
	private volatile @Nullable Channel channel;

	private volatile @Nullable ChannelRole role;

	private volatile @Nullable RedisChannelWriter endpoint;

	private volatile @Nullable ReplicaWait wait;

	private boolean replied;

	InterceptedWrite(RedisCommand<K, V, T> command, WriteInterception interception, boolean retryAllowed) {
		super(command);
		this.interception = interception;
		this.retryAllowed = retryAllowed;
	}

	void writtenOn(Channel channel, ChannelRole role, RedisChannelWriter endpoint) {
		this.channel = channel;
		this.role = role;
		this.endpoint = endpoint;
		if (this.wait != null) {
			synchronized (this) {
				this.replied = false;
			}
		}
	}

	synchronized ReplicaWait newWait(Channel channel, int replicas, long timeoutMillis) {
		ReplicaWait next = new ReplicaWait(this, channel, replicas, timeoutMillis);
		this.wait = next;
		return next;
	}

	@Override
	public void complete() {
		CommandOutput<K, V, T> output = getOutput();
		String error = (output != null) ? output.getError() : null;
		if (error == null && this.wait == null) {
			// the common case: acknowledged, no safe write
			super.complete();
			return;
		}
		Channel retryChannel = null;
		ChannelRole retryRole = null;
		RedisChannelWriter retryEndpoint = null;
		synchronized (this) {
			if (error != null && this.retryAllowed && !this.retried && isReadOnly(error) && this.channel != null
					&& this.role != null && this.endpoint != null) {
				this.retried = true;
				// the write was rejected, not executed: send it again to the master
				output.setError((String) null);
				this.wait = null;
				retryChannel = this.channel;
				retryRole = this.role;
				retryEndpoint = this.endpoint;
			}
			else if (error == null && this.wait != null) {
				this.replied = true;
				return;
			}
		}
		if (retryChannel != null) {
			this.interception.retryOnMaster(this, retryChannel, retryRole, retryEndpoint);
			return;
		}
		super.complete();
	}

	/**
	 * The {@code WAIT} after this write answered (or was lost).
	 * @param finished the WAIT
	 * @param reached how many replicas acknowledged
	 * @param failure why WAIT failed, if it did
	 */
	void waitFinished(ReplicaWait finished, long reached, @Nullable Throwable failure) {
		synchronized (this) {
			if (finished != this.wait) {
				return;
			}
			this.wait = null;
			if (!this.replied) {
				// the write itself has not been answered: it is retried or replayed with a new WAIT
				return;
			}
		}
		if (failure == null && reached >= finished.replicas()) {
			super.complete();
		}
		else {
			this.interception.writeUnconfirmed();
			UnconfirmedWriteException unconfirmed = new UnconfirmedWriteException(getType().toString(),
					finished.replicas(), reached);
			if (failure != null) {
				unconfirmed.addSuppressed(failure);
			}
			super.completeExceptionally(unconfirmed);
		}
	}

	private static boolean isReadOnly(String error) {
		return RedisFailures.hasErrorCode(new RedisCommandExecutionException(error), "READONLY");
	}

}
