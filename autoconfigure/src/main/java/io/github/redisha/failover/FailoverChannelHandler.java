package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.redisha.internal.NameResolution;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.pubsub.PubSubCommandHandler;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.Future;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Added last to the pipeline of every channel of the application's Lettuce client
 * (through the {@code NettyCustomizer}). It sees the connect first, so it can send a
 * connect aimed at a fenced old master to the verified master, or hold a reconnect to a
 * master the sentinels report down until the failover's outcome is known. It reports
 * channels going active and inactive to {@link ClientChannels}, and hands data writes to
 * {@link WriteInterception} ({@code READONLY} retry, safe writes). Channels to the
 * sentinels and Pub/Sub channels are passed through untouched.
 *
 * @author redis-ha
 */
final class FailoverChannelHandler extends ChannelDuplexHandler {

	private static final Log logger = LogFactory.getLog(FailoverChannelHandler.class);

	private final ClientChannels channels;

	private final WriteInterception interception;

	private final long holdMaxNanos;

	private final ChannelRole role = new ChannelRole();

	private final HeldWrites held = new HeldWrites();

	private boolean intercepting;

	private boolean pubSub;

	private boolean interceptionResolved;

	private @Nullable RedisChannelWriter endpoint;

	FailoverChannelHandler(ClientChannels channels, WriteInterception interception, Duration holdMax) {
		this.channels = channels;
		this.interception = interception;
		this.holdMaxNanos = holdMax.toNanos();
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		ctx.channel().attr(ClientChannels.ROLE).set(this.role);
	}

	@Override
	public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, @Nullable SocketAddress localAddress,
			ChannelPromise promise) {
		if (!(remoteAddress instanceof InetSocketAddress target) || this.channels.isSentinel(remoteAddress)) {
			this.role.sentinel = true;
			ctx.connect(remoteAddress, localAddress, promise);
			return;
		}
		route(ctx, target, localAddress, promise, System.nanoTime() + this.holdMaxNanos);
	}

	private void route(ChannelHandlerContext ctx, InetSocketAddress target, @Nullable SocketAddress localAddress,
			ChannelPromise promise, long holdUntil) {
		if (promise.isDone()) {
			return;
		}
		if (!ctx.channel().isOpen()) {
			// closed while held: a promise left pending would stall Lettuce's reconnect
			promise.tryFailure(new ClosedChannelException());
			return;
		}
		InetSocketAddress redirect = this.channels.routing().redirect(target);
		if (redirect != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("redis-ha: redirecting connect from fenced old master " + target + " to " + redirect);
			}
			connectTo(ctx, target, redirect, localAddress, promise);
			return;
		}
		long remaining = holdUntil - System.nanoTime();
		if (remaining > 0 && this.channels.routing().shouldHold(target)) {
			hold(ctx, target, localAddress, promise, holdUntil, remaining);
			return;
		}
		connectTo(ctx, target, target, localAddress, promise);
	}

	/**
	 * Waits for the next change of what is known about the master (or the hold's end),
	 * then routes again. Nothing is connected meanwhile, so Lettuce's connect timeout has
	 * not started.
	 * @param ctx the context of the connecting channel
	 * @param target the address Lettuce connects to
	 * @param localAddress the local address to bind, or {@code null}
	 * @param promise the promise of the connect
	 * @param holdUntil when the hold ends, in {@link System#nanoTime()} terms
	 * @param remaining how long the hold still lasts, in nanoseconds
	 */
	private void hold(ChannelHandlerContext ctx, InetSocketAddress target, @Nullable SocketAddress localAddress,
			ChannelPromise promise, long holdUntil, long remaining) {
		if (logger.isDebugEnabled()) {
			logger.debug("redis-ha: holding connect to " + target + " until the failover's outcome is known");
		}
		AtomicBoolean resumed = new AtomicBoolean();
		ScheduledFuture<?>[] timeout = new ScheduledFuture<?>[1];
		Runnable resume = () -> {
			if (resumed.compareAndSet(false, true)) {
				if (timeout[0] != null) {
					timeout[0].cancel(false);
				}
				ctx.executor().execute(() -> route(ctx, target, localAddress, promise, holdUntil));
			}
		};
		timeout[0] = ctx.executor().schedule(resume, remaining, TimeUnit.NANOSECONDS);
		this.channels.nextChange().thenRun(resume);
		promise.addListener((future) -> {
			if (future.isCancelled()) {
				resume.run();
				ctx.close();
			}
		});
	}

	private void connectTo(ChannelHandlerContext ctx, InetSocketAddress intended, InetSocketAddress actual,
			@Nullable SocketAddress localAddress, ChannelPromise promise) {
		if (actual.isUnresolved()) {
			// a redirect names a node: resolved now, the same way Lettuce resolves its
			// targets, so a node back under its name on a new IP is found there
			NameResolution.addressResolverGroup()
				.getResolver(ctx.channel().eventLoop())
				.resolve(actual)
				.addListener((Future<InetSocketAddress> resolved) -> {
					if (resolved.isSuccess()) {
						connectTo(ctx, intended, resolved.getNow(), localAddress, promise);
					}
					else {
						this.channels.connectFailed(actual);
						promise.tryFailure(resolved.cause());
					}
				});
			return;
		}
		this.role.connecting(intended, actual);
		promise.addListener((future) -> {
			if (!future.isSuccess() && !future.isCancelled()) {
				this.channels.connectFailed(actual);
			}
		});
		ctx.connect(actual, localAddress, promise);
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		if (!this.role.sentinel) {
			this.role.activeSince = System.nanoTime();
			if (this.role.intended() == null && ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
				this.role.connecting(remote, remote);
			}
			resolveInterception(ctx);
			this.channels.channelActive(ctx.channel(), this.role);
		}
		super.channelActive(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (!this.role.sentinel) {
			this.channels.channelInactive(ctx.channel(), this.role);
		}
		super.channelInactive(ctx);
		RedisChannelWriter writer = this.endpoint;
		if (!this.held.isEmpty() && writer != null) {
			// Lettuce's handler, earlier in the pipeline, has seen the channel go: the
			// connection buffers these and sends them once it reconnects, to the master
			// followed then
			this.held.requeue(writer);
		}
	}

	/**
	 * Whether and through which endpoint this channel's commands are intercepted. Decided
	 * at the first write or when the channel goes active, whichever comes first:
	 * Lettuce's {@code CommandHandler}, earlier in the pipeline, may replay the commands
	 * buffered while disconnected before this handler sees the channel go active.
	 * @param ctx the context of this handler's channel
	 */
	private void resolveInterception(ChannelHandlerContext ctx) {
		CommandHandler commandHandler = ctx.pipeline().get(CommandHandler.class);
		this.endpoint = (commandHandler != null && commandHandler.getEndpoint() instanceof RedisChannelWriter writer)
				? writer : null;
		this.pubSub = ctx.pipeline().get(PubSubCommandHandler.class) != null;
		this.intercepting = this.interception.isActive() && this.endpoint != null && !this.pubSub;
		this.interceptionResolved = true;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (!this.interceptionResolved && !this.role.sentinel) {
			resolveInterception(ctx);
		}
		if (!this.role.sentinel && !this.pubSub && this.endpoint != null) {
			if (!this.held.isEmpty()) {
				// behind commands already kept, in order
				this.held.add(msg, promise);
				return;
			}
			CompletableFuture<Void> hold = this.channels.writeHold(this.role.actual());
			if (hold != null) {
				this.held.add(msg, promise);
				hold.thenRun(() -> ctx.executor().execute(() -> releaseHeld(ctx)));
				return;
			}
		}
		writeThrough(ctx, msg, promise);
	}

	private void writeThrough(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		RedisChannelWriter writer = this.endpoint;
		if (this.intercepting && writer != null) {
			ctx.write(this.interception.intercept(msg, ctx.channel(), this.role, writer), promise);
			return;
		}
		ctx.write(msg, promise);
	}

	/**
	 * The hold on this channel's node ended. When the client moved to another master,
	 * this channel is closed (closed by the switch before the hold ended) and
	 * {@link #channelInactive} hands the kept commands to the connection again; else they
	 * go out on this channel now, in order.
	 * @param ctx the context of this handler's channel
	 */
	private void releaseHeld(ChannelHandlerContext ctx) {
		if (this.held.isEmpty() || !ctx.channel().isActive()) {
			return;
		}
		if (this.channels.isFenced(this.role.actual())) {
			ctx.close();
			return;
		}
		CompletableFuture<Void> hold = this.channels.writeHold(this.role.actual());
		if (hold != null) {
			// a new hold began meanwhile
			hold.thenRun(() -> ctx.executor().execute(() -> releaseHeld(ctx)));
			return;
		}
		this.held.writeThrough((msg, promise) -> writeThrough(ctx, msg, promise));
		ctx.flush();
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
		// a close requested through the pipeline (the connection being closed, or
		// redis-ha
		// leaving an old master); drops by the peer never pass here
		this.role.closedLocally = true;
		ctx.close(promise);
	}

}
