package io.github.redisha.test.internal;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.redisha.test.RedisTopologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a topology on freshly picked ports, and again on new ports (up to
 * {@value #MAX_ATTEMPTS} times) when a server could not bind because another process took
 * one of them between the pick and the bind.
 *
 * @author redis-ha
 */
final class PortRetries {

	private static final Logger logger = LoggerFactory.getLogger(PortRetries.class);

	private static final int MAX_ATTEMPTS = 5;

	private PortRetries() {
	}

	/**
	 * Starts a topology, again on new ports while a port was taken meanwhile.
	 * @param <T> the type of topology started
	 * @param what what is started, for the message, e.g. {@code a Sentinel topology}
	 * @param runtimes creates the runtimes of one attempt (a fresh temporary directory,
	 * ...)
	 * @param allocate picks the ports of one attempt
	 * @param release releases them when the topology could not even be built
	 * @param attempt builds the topology on them
	 * @return the started topology
	 */
	static <T extends Startable> T start(String what, Supplier<ServerRuntime.Factory> runtimes,
			Supplier<List<Integer>> allocate, Consumer<List<Integer>> release, Attempt<T> attempt) {
		RedisTopologyException lastBindFailure = null;
		for (int i = 1; i <= MAX_ATTEMPTS; i++) {
			ServerRuntime.Factory factory = runtimes.get();
			List<Integer> ports = allocate.get();
			T topology;
			try {
				topology = attempt.create(factory, ports);
			}
			catch (RuntimeException | Error ex) {
				release.accept(ports);
				factory.close();
				throw ex;
			}
			try {
				topology.boot();
				return topology;
			}
			catch (PortInUseException ex) {
				logger.info("A port of {} was taken meanwhile; retrying with other ports", ports);
				lastBindFailure = ex;
				topology.close();
			}
			catch (RuntimeException | Error ex) {
				topology.close();
				throw ex;
			}
		}
		throw new RedisTopologyException(
				"Could not start " + what + ": ports were taken by other processes " + MAX_ATTEMPTS + " times",
				lastBindFailure);
	}

	/** A topology built on one attempt's runtimes and ports, not started yet. */
	interface Startable {

		/** Starts the servers and waits until the topology is usable. */
		void boot();

		/** Ends the servers and releases the ports and runtimes; never throws. */
		void close();

	}

	/**
	 * Builds the topology of one attempt.
	 *
	 * @param <T> the type of topology started
	 */
	interface Attempt<T extends Startable> {

		T create(ServerRuntime.Factory runtimes, List<Integer> ports);

	}

}
