package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.redisha.test.RedisTopologyException;

/**
 * Waits for a launched server to answer {@code PING} and, when it does not, says why: how
 * it exited ({@link PortInUseException} when its port was taken), or the tail of its log
 * when it runs but does not answer (it is killed then).
 *
 * @author redis-ha
 */
final class ServerStartup {

	private ServerStartup() {
	}

	/**
	 * Polls until the server answers PING; fails at once when it is gone.
	 * @param node the node, for messages
	 * @param runtime where its server runs
	 * @param ping sends one PING and returns the answer
	 * @param timeout how long to wait for the first answer
	 */
	static void awaitPong(ManagedRedisNode node, ServerRuntime runtime, Supplier<String> ping, Duration timeout) {
		try {
			Poll.until(node + " to answer PING", timeout, (missing) -> {
				if (!runtime.isAlive()) {
					throw failure(node, runtime);
				}
				try {
					String pong = ping.get();
					if ("PONG".equalsIgnoreCase(pong)) {
						return Boolean.TRUE;
					}
					missing.add(node + " answered PING with " + pong);
				}
				catch (RuntimeException ex) {
					missing.add(node + " does not answer PING yet: " + Poll.describe(ex));
				}
				return null;
			});
		}
		catch (RedisTopologyException ex) {
			if (runtime.isAlive()) {
				String log = runtime.logTail();
				runtime.kill();
				throw new RedisTopologyException(ex.getMessage() + "\n" + log, ex);
			}
			throw ex;
		}
	}

	private static RedisTopologyException failure(ManagedRedisNode node, ServerRuntime runtime) {
		String message = node + " " + runtime.describeExit();
		if (message.contains("Address already in use")) {
			return new PortInUseException(message);
		}
		return new RedisTopologyException(message);
	}

}
