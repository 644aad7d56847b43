package io.github.redisha.failover;

import io.github.redisha.internal.RedisFailures;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A data command on its way through {@link WriteInterception}. Its completion is held
 * back when Redis rejected it without executing it ({@code READONLY}, {@code NOREPLICAS},
 * {@code LOADING}, {@code MASTERDOWN}, {@code TRYAGAIN}, {@code CLUSTERDOWN}: it is sent
 * again) or, for a safe write, until the {@code WAIT} that follows it has answered.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <T> result type
 * @author redis-ha
 */
final class InterceptedCommand<K, V, T> extends CommandWrapper<K, V, T> {

	private final WriteInterception interception;

	private final boolean retryAllowed;

	// attempts and the first rejection are only touched under this object's lock
	private int rejections;

	private long firstRejectedAt;

	// set on the event loop of the channel the command goes to, read on the one it
	// completes on
	private volatile @Nullable Channel channel;

	private volatile @Nullable ChannelRole role;

	private volatile @Nullable RedisChannelWriter endpoint;

	private volatile @Nullable ReplicaWait wait;

	private boolean replied;

	InterceptedCommand(RedisCommand<K, V, T> command, WriteInterception interception, boolean retryAllowed) {
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
			// the common case: answered, no safe write
			super.complete();
			return;
		}
		String rejection = null;
		int attempt = 0;
		Channel retryChannel = null;
		ChannelRole retryRole = null;
		RedisChannelWriter retryEndpoint = null;
		synchronized (this) {
			String code = (error != null && this.retryAllowed) ? RedisFailures.rejectionCode(error) : null;
			if (code != null && this.channel != null && this.role != null && this.endpoint != null && mayRetry(code)) {
				// rejected before it ran: send it again, its WAIT (if any) no longer
				// counts
				output.setError((String) null);
				this.wait = null;
				rejection = code;
				attempt = ++this.rejections;
				retryChannel = this.channel;
				retryRole = this.role;
				retryEndpoint = this.endpoint;
			}
			else if (error == null && this.wait != null) {
				this.replied = true;
				return;
			}
		}
		if (rejection != null) {
			if (this.interception.retry(this, rejection, attempt, retryChannel, retryRole, retryEndpoint)) {
				return;
			}
			// the client is shutting down: the rejection is the answer
			output.setError(error);
		}
		super.complete();
	}

	private boolean mayRetry(String code) {
		long now = System.nanoTime();
		if (this.rejections == 0) {
			this.firstRejectedAt = now;
		}
		return this.interception.withinBudget(code, this.rejections, now - this.firstRejectedAt);
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
				// the write itself has not been answered: it is retried or replayed with
				// a new WAIT
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

}
