package io.github.redisha.failover;

import java.time.Duration;

import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Puts redis-ha into every channel Lettuce opens: an {@link InboundObserver} in front of
 * Lettuce's {@link CommandHandler}, so it sees replies first, and a
 * {@link FailoverChannelHandler} at the end, which routes connects and intercepts
 * commands. One class, so the auto-configuration and the tests install the same thing.
 *
 * @author redis-ha
 */
final class FailoverNettyCustomizer implements NettyCustomizer {

	private final ClientChannels channels;

	private final WriteInterception interception;

	private final InboundObserver observer;

	private final Duration holdMax;

	FailoverNettyCustomizer(ClientChannels channels, WriteInterception interception, Duration holdMax) {
		this.channels = channels;
		this.interception = interception;
		this.observer = new InboundObserver(channels);
		this.holdMax = holdMax;
	}

	@Override
	public void afterChannelInitialized(Channel channel) {
		ChannelHandlerContext commandHandler = channel.pipeline().context(CommandHandler.class);
		if (commandHandler != null) {
			channel.pipeline().addBefore(commandHandler.name(), null, this.observer);
		}
		channel.pipeline().addLast(new FailoverChannelHandler(this.channels, this.interception, this.holdMax));
	}

}
