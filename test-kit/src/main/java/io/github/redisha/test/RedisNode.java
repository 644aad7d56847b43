package io.github.redisha.test;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Handle to a single {@code redis-server} or {@code redis-sentinel} process of a test
 * topology, with the fault operations tests need.
 *
 * <p>
 * A node keeps its port and its configuration directory for its whole life:
 * {@link #start()} after {@link #kill()} or {@link #stop()} brings it back on the same
 * address with the same (possibly rewritten) config. All operations that wait are bounded
 * by a deadline and throw {@link RedisTopologyException} on timeout.
 *
 * <p>
 * The interface is backend-neutral: the native-process backend maps the operations to
 * signals on the process id; a container backend may map them to container kill / pause /
 * unpause / stop / start.
 *
 * @author redis-ha
 */
public interface RedisNode {

	/**
	 * A short, stable name of this node within its topology, for messages and logs, e.g.
	 * {@code node-0} or {@code sentinel-2}.
	 * @return the node name
	 */
	String name();

	/**
	 * The host clients use to reach this node; always the loopback address
	 * {@code 127.0.0.1}.
	 * @return the host
	 */
	String host();

	/**
	 * The TCP port this node listens on; stays the same across {@link #stop()} /
	 * {@link #start()}.
	 * @return the port
	 */
	int port();

	/**
	 * The port this node serves TLS on, in a topology started with
	 * {@link SentinelTopology.Builder#tls(TlsFiles)}; it is the port Sentinel hands out
	 * and clients use there. Stays the same across {@link #stop()} / {@link #start()}.
	 * @return the TLS port, or empty when the node speaks plaintext only
	 */
	OptionalInt tlsPort();

	/**
	 * {@code host:port}, e.g. {@code 127.0.0.1:6390}.
	 * @return the address
	 */
	String address();

	/**
	 * Whether this is a Sentinel (as opposed to a data node).
	 * @return {@code true} for {@code redis-sentinel}
	 */
	boolean isSentinel();

	/**
	 * Kills the node abruptly (SIGKILL, or the equivalent of the backend) and waits until
	 * it is gone. No-op when the node is not running. A frozen node is killed too.
	 */
	void kill();

	/**
	 * Freezes the node (SIGSTOP): the process stays alive and keeps its sockets open, but
	 * answers nothing — as a hung or partitioned server would. Waits until the freeze
	 * took effect. No-op when already frozen.
	 * @throws IllegalStateException if the node is not running
	 */
	void freeze();

	/**
	 * Resumes a frozen node (SIGCONT). No-op when the node is not frozen.
	 */
	void thaw();

	/**
	 * Stops the node gracefully (SIGTERM, i.e. {@code SHUTDOWN} without saving since
	 * persistence is off) and waits for it to exit; falls back to a forced kill on a
	 * deadline. A frozen node is thawed first. No-op when the node is not running.
	 */
	void stop();

	/**
	 * (Re)starts the node on the same port with the same configuration directory and
	 * waits until it answers {@code PING}. No-op when the node is already running.
	 * @throws RedisTopologyException if the node does not come up in time (the message
	 * contains the tail of its log)
	 */
	void start();

	/**
	 * Whether the node process is alive (a frozen node is alive).
	 * @return {@code true} while the node's process exists
	 */
	boolean isRunning();

	/**
	 * Whether the node is currently frozen by {@link #freeze()}.
	 * @return {@code true} between {@link #freeze()} and {@link #thaw()} /
	 * {@link #kill()} / {@link #stop()}
	 */
	boolean isFrozen();

	/**
	 * The operating-system process id of the running node, when the backend runs nodes as
	 * local processes.
	 * @return the pid, or empty when the node is not running or the backend has no local
	 * process for it
	 */
	OptionalLong pid();

	/**
	 * The last lines of this node's log (its log file, or its container's log), for
	 * diagnosing a failed test: a Sentinel's log shows the {@code +sdown}, {@code +odown}
	 * and {@code +switch-master} events behind a failover. The test-kit's JUnit extension
	 * logs them for every node when a test fails. Never throws: a log that cannot be read
	 * is described instead.
	 * @return the header and the last lines of the log
	 */
	String recentLog();

}
