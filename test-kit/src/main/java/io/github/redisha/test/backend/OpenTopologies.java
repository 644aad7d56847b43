package io.github.redisha.test.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything started and not yet closed in this JVM; a JVM shutdown hook closes what is still open.
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
