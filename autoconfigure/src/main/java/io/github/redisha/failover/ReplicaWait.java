package io.github.redisha.failover;

import java.util.concurrent.CancellationException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.netty.channel.Channel;

/**
 * {@code WAIT numreplicas timeout}, sent right after a safe write on the same connection;
 * its answer decides whether the write is acknowledged.
 *
 * @author redis-ha
 */
final class ReplicaWait extends Command<String, String, Long> {

	private final InterceptedCommand<?, ?, ?> write;

	private final Channel channel;

	private final int replicas;

	ReplicaWait(InterceptedCommand<?, ?, ?> write, Channel channel, int replicas, long timeoutMillis) {
		super(CommandType.WAIT, new IntegerOutput<>(StringCodec.UTF8),
				new CommandArgs<>(StringCodec.UTF8).add(replicas).add(timeoutMillis));
		this.write = write;
		this.channel = channel;
		this.replicas = replicas;
	}

	Channel channel() {
		return this.channel;
	}

	int replicas() {
		return this.replicas;
	}

	@Override
	public void complete() {
		super.complete();
		String error = getOutput().getError();
		Long reached = getOutput().get();
		this.write.waitFinished(this, (reached != null) ? reached : 0,
				(error != null) ? new RedisCommandExecutionException(error) : null);
	}

	@Override
	public boolean completeExceptionally(Throwable throwable) {
		boolean result = super.completeExceptionally(throwable);
		this.write.waitFinished(this, 0, throwable);
		return result;
	}

	@Override
	public void cancel() {
		super.cancel();
		this.write.waitFinished(this, 0, new CancellationException("WAIT cancelled"));
	}

	/**
	 * The connection this WAIT was sent on is gone; it cannot confirm its write any more.
	 */
	void abandon() {
		super.cancel();
		this.write.waitFinished(this, 0, new RedisException("the connection was lost before WAIT answered"));
	}

}
