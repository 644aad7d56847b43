package io.github.redisha.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything started and not yet closed in this JVM; a JVM shutdown hook closes what is
 * still open.
 *
 * @author redis-ha
 */
final class OpenTopologies {

	private static final Logger logger = LoggerFactory.getLogger(OpenTopologies.class);

	private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

	private static boolean hookInstalled;

	private OpenTopologies() {
	}

	static void add(AutoCloseable topology) {
		installHook();
		OPEN.add(topology);
	}

	static void remove(AutoCloseable topology) {
		OPEN.remove(topology);
	}

	private static synchronized void installHook() {
		if (!hookInstalled) {
			Runtime.getRuntime().addShutdownHook(new Thread(OpenTopologies::closeAll, "redisha-test-kit-shutdown"));
			hookInstalled = true;
		}
	}

	/**
	 * Ends what a topology started: the servers of all its nodes at once (then waits for
	 * each), its probe client, its runtimes, its ports; and forgets it. Logs failures,
	 * never throws.
	 * @param topology the topology to forget
	 * @param nodes its nodes
	 * @param probe its probe client
	 * @param runtimes its runtimes
	 * @param releasePorts releases its ports
	 */
	static void dispose(AutoCloseable topology, List<ManagedRedisNode> nodes, Probe probe,
			ServerRuntime.Factory runtimes, Runnable releasePorts) {
		for (ManagedRedisNode node : nodes) {
			try {
				node.disposeAsync();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to kill {}", node, ex);
			}
		}
		for (ManagedRedisNode node : nodes) {
			try {
				node.awaitDisposed();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to wait for {} to exit", node, ex);
			}
		}
		try {
			probe.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to shut down the probe client", ex);
		}
		runtimes.close();
		releasePorts.run();
		remove(topology);
		logger.debug("Closed {}", topology);
	}

	static void closeAll() {
		List<AutoCloseable> open = new ArrayList<>(OPEN);
		for (AutoCloseable topology : open) {
			try {
				topology.close();
			}
			catch (Exception ex) {
				logger.warn("Failed to close {} at JVM shutdown", topology, ex);
			}
		}
	}

}
