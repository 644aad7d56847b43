package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where and how the server of one node runs: a child process of this JVM
 * ({@link ProcessRuntime}) or a Docker container ({@link ContainerRuntime}). Everything
 * else — config, ports, probing, waiting, failover logic — is shared by
 * {@link ManagedRedisNode} and the topologies; a runtime only starts, signals and ends
 * one server.
 *
 * <p>
 * Calls are serialized by the owning node, except {@link #disposeAsync} /
 * {@link #awaitDisposed}, which run while the topology closes.
 *
 * @author redis-ha
 */
interface ServerRuntime {

	/**
	 * Config lines saying where the server keeps its files and writes its log
	 * ({@code dir}, {@code logfile}), as the server sees them.
	 * @return the lines
	 */
	List<String> locationConfig();

	/**
	 * Stores the node's configuration; called once, before the first {@link #launch()}.
	 * Later launches reuse it, including what Sentinel rewrote in it.
	 * @param lines the config lines
	 */
	void writeConfig(List<String> lines);

	/** Starts the server without waiting for it to answer. */
	void launch();

	/**
	 * Whether the server runs (a frozen server runs).
	 * @return {@code true} while the server process exists
	 */
	boolean isAlive();

	/**
	 * The local process id, for runtimes with local processes.
	 * @return the pid, or empty
	 */
	OptionalLong pid();

	/** Forced kill (SIGKILL); waits until the server is gone. */
	void kill();

	/**
	 * Graceful stop (SIGTERM); waits up to {@code timeout}, then kills.
	 * @param timeout how long to wait for the graceful stop
	 * @return {@code true} when the server stopped gracefully, {@code false} when it had
	 * to be killed
	 */
	boolean stop(Duration timeout);

	/**
	 * Freezes the running server (SIGSTOP / container pause); returns once it took
	 * effect.
	 */
	void suspend();

	/**
	 * Resumes a frozen server (SIGCONT / container unpause); returns once it took effect.
	 */
	void resume();

	/**
	 * Describes why the server is gone after a failed start: exit code and the tail of
	 * its log and output.
	 * @return the description, in several lines
	 */
	String describeExit();

	/**
	 * The last lines of the server's log, with a header line saying where they come from.
	 * @return the log tail
	 */
	String logTail();

	/**
	 * Ends the server at once without waiting (topology close, JVM shutdown); a frozen
	 * server too. Never throws for a server that is already gone.
	 * @param frozen whether the node froze the server
	 */
	void disposeAsync(boolean frozen);

	/**
	 * Waits for what {@link #disposeAsync()} started and releases the runtime's
	 * resources.
	 * @return {@code true} when the server is gone
	 */
	boolean awaitDisposed();

	/**
	 * Creates the runtimes of one topology and owns what they share (a temporary
	 * directory, an image).
	 */
	interface Factory extends AutoCloseable {

		/**
		 * The runtime of one node.
		 * @param name the node name, e.g. {@code node-0}
		 * @param sentinel whether the node is a Sentinel
		 * @param port the port the node listens on
		 * @return a new runtime, not started
		 */
		ServerRuntime create(String name, boolean sentinel, int port);

		/**
		 * Where the servers run, for log lines, e.g.
		 * {@code dir /tmp/redisha-sentinel-1234} or {@code image redis:7.2}.
		 * @return the description
		 */
		String describe();

		/**
		 * Releases what the runtimes shared (after all of them were disposed). Never
		 * throws.
		 */
		@Override
		void close();

	}

}
