package io.github.redisha.failover;

import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.IOUringProvider;
import io.lettuce.core.resource.KqueueProvider;

/**
 * Whether Lettuce can apply the extended TCP keep-alive options (idle, interval, count)
 * to its channels. Lettuce 7 rejects a connect whose options it cannot apply, Lettuce 6
 * (Spring Boot 4.0) only logs a warning, and only Lettuce 7 answers the question itself
 * ({@code ExtendedKeepAliveSupport}), so this is its rule on Lettuce's public API: a
 * native transport (io_uring, epoll), or NIO with the JDK's TCP keep-alive socket
 * options, which every supported JDK (17+) has, unless kqueue takes the channel.
 *
 * @author redis-ha
 */
final class ExtendedKeepAlive {

	private ExtendedKeepAlive() {
	}

	static boolean isSupported() {
		return IOUringProvider.isAvailable() || EpollProvider.isAvailable() || !KqueueProvider.isAvailable();
	}

}
