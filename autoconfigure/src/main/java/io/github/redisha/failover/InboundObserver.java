package io.github.redisha.failover;

import java.io.IOException;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sits just before Lettuce's {@code CommandHandler}, which consumes every read, so that
 * {@link ClientChannels} learns when the master answers again after a failure.
 *
 * <p>
 * It also keeps an I/O error of the socket (a connection reset by a crashed node) from
 * reaching the {@code CommandHandler}. Lettuce would fail the one command at the head of
 * its queue with that error, while it queues every other command that was in flight for
 * the reconnect. Netty closes the channel after such an error anyway, so with this
 * handler that command is queued like the others and sent again once the client is
 * connected to the (new) master: in-flight commands are all treated alike, at least once.
 *
 * @author redis-ha
 */
@Sharable
final class InboundObserver extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(InboundObserver.class);

	private final ClientChannels channels;

	InboundObserver(ClientChannels channels) {
		this.channels = channels;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (this.channels.failureOpen()) {
			ChannelRole role = ctx.channel().attr(ClientChannels.ROLE).get();
			if (role != null && !role.sentinel) {
				this.channels.replyReceived(role);
			}
		}
		super.channelRead(ctx, msg);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
		if (cause instanceof IOException) {
			if (logger.isDebugEnabled()) {
				logger.debug("redis-ha: connection to " + ctx.channel().remoteAddress() + " failed (" + cause
						+ "); commands in flight are sent again after the reconnect");
			}
			ctx.close();
			return;
		}
		super.exceptionCaught(ctx, cause);
	}

}
