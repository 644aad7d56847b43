package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.github.redisha.test.RedisNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} or {@code redis-sentinel} node of a topology. Its server runs
 * through a {@link ServerRuntime} (a local process or a container); this class adds what
 * every backend shares: the base config, waiting for {@code PING}, the frozen state and
 * the rules of the fault operations.
 *
 * @author redis-ha
 */
final class ManagedRedisNode implements RedisNode {

	private static final Logger logger = LoggerFactory.getLogger(ManagedRedisNode.class);

	static final String HOST = "127.0.0.1";

	private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(15);

	private final String name;

	private final boolean sentinel;

	private final int port;

	/** The TLS port, {@code 0} when the node speaks plaintext only. */
	private final int tlsPort;

	private final String password;

	private final Probe probe;

	private final Duration startTimeout;

	private final ServerRuntime runtime;

	private volatile boolean frozen;

	private volatile boolean disposed;

	ManagedRedisNode(String name, boolean sentinel, int port, String password, Probe probe, Duration startTimeout,
			ServerRuntime.Factory runtimes) {
		this(name, sentinel, port, 0, password, probe, startTimeout, runtimes);
	}

	ManagedRedisNode(String name, boolean sentinel, int port, int tlsPort, String password, Probe probe,
			Duration startTimeout, ServerRuntime.Factory runtimes) {
		this.name = name;
		this.sentinel = sentinel;
		this.port = port;
		this.tlsPort = tlsPort;
		this.password = password;
		this.probe = probe;
		this.startTimeout = startTimeout;
		this.runtime = runtimes.create(name, sentinel, port);
	}

	/**
	 * The password this node requires from clients (data password or Sentinel password).
	 * @return the password, or {@code null} when none is required
	 */
	String password() {
		return this.password;
	}

	ServerRuntime runtime() {
		return this.runtime;
	}

	/**
	 * Lines every node's config starts with.
	 * @return the config lines
	 */
	List<String> baseConfig() {
		return NodeConfig.base(this.port, this.tlsPort, this.runtime.locationConfig());
	}

	void writeConfig(List<String> lines) {
		this.runtime.writeConfig(lines);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public OptionalInt tlsPort() {
		return (this.tlsPort > 0) ? OptionalInt.of(this.tlsPort) : OptionalInt.empty();
	}

	/**
	 * The port other nodes and Sentinel know this node by, and hand out: the TLS port
	 * when there is one (with {@code tls-replication yes}, replicas announce it and
	 * Sentinels use it), else the plaintext port.
	 * @return the announced port
	 */
	int announcedPort() {
		return (this.tlsPort > 0) ? this.tlsPort : this.port;
	}

	/**
	 * {@code 127.0.0.1:<announced port>}: the address clients use.
	 * @return the client address
	 */
	String clientAddress() {
		return HOST + ":" + announcedPort();
	}

	@Override
	public String host() {
		return HOST;
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String address() {
		return HOST + ":" + this.port;
	}

	@Override
	public boolean isSentinel() {
		return this.sentinel;
	}

	@Override
	public boolean isRunning() {
		return this.runtime.isAlive();
	}

	@Override
	public boolean isFrozen() {
		return this.frozen && isRunning();
	}

	/**
	 * Running and not frozen: expected to answer.
	 * @return whether the node is expected to answer
	 */
	boolean isResponsive() {
		return !this.frozen && isRunning();
	}

	@Override
	public OptionalLong pid() {
		return this.runtime.pid();
	}

	@Override
	public synchronized void start() {
		checkNotDisposed();
		if (isRunning()) {
			return;
		}
		launch();
		awaitUp(this.startTimeout);
	}

	/** Starts the server without waiting for it to answer. */
	synchronized void launch() {
		checkNotDisposed();
		this.runtime.launch();
		this.frozen = false;
		if (this.disposed) {
			// closed concurrently (e.g. JVM shutdown while starting)
			this.runtime.kill();
			throw new IllegalStateException(this + " belongs to a closed topology");
		}
	}

	/**
	 * Polls until the server answers PING; fails at once when it is gone.
	 * @param timeout how long to wait for the first answer
	 */
	void awaitUp(Duration timeout) {
		ServerStartup.awaitPong(this, this.runtime, () -> this.sentinel
				? this.probe.sentinelPing(this.port, this.password) : this.probe.ping(this.port, this.password),
				timeout);
	}

	@Override
	public synchronized void kill() {
		if (this.runtime.isAlive()) {
			this.runtime.kill();
			logger.debug("Killed {}", this);
		}
		this.frozen = false;
	}

	@Override
	public synchronized void stop() {
		if (!this.runtime.isAlive()) {
			this.frozen = false;
			return;
		}
		if (this.frozen) {
			thaw();
		}
		if (!this.runtime.stop(GRACEFUL_STOP_TIMEOUT)) {
			logger.warn("{} did not stop within {} ms after SIGTERM; killed it", this,
					GRACEFUL_STOP_TIMEOUT.toMillis());
		}
		this.frozen = false;
		logger.debug("Stopped {}", this);
	}

	@Override
	public synchronized void freeze() {
		checkNotDisposed();
		if (!this.runtime.isAlive()) {
			throw new IllegalStateException("Cannot freeze " + this + ": it is not running");
		}
		if (this.frozen) {
			return;
		}
		this.frozen = true;
		this.runtime.suspend();
		logger.debug("Froze {}", this);
	}

	@Override
	public synchronized void thaw() {
		if (!this.frozen) {
			return;
		}
		if (this.runtime.isAlive()) {
			this.runtime.resume();
			logger.debug("Thawed {}", this);
		}
		this.frozen = false;
	}

	/**
	 * Ends the server (frozen or not) without taking the node's lock and without waiting;
	 * used by close and the shutdown hook.
	 */
	void disposeAsync() {
		this.disposed = true;
		this.runtime.disposeAsync(this.frozen);
	}

	/**
	 * Waits for what {@link #disposeAsync()} started.
	 * @return whether the server is gone
	 */
	boolean awaitDisposed() {
		boolean gone = this.runtime.awaitDisposed();
		this.frozen = false;
		return gone;
	}

	private void checkNotDisposed() {
		if (this.disposed) {
			throw new IllegalStateException(this + " belongs to a closed topology");
		}
	}

	@Override
	public String recentLog() {
		return this.runtime.logTail();
	}

	@Override
	public String toString() {
		return (this.sentinel ? "redis-sentinel " : "redis-server ") + this.name + "@" + address();
	}

}
