package io.github.redisha.test.nativeprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} or {@code redis-sentinel} child process of this JVM. All signals go to the process by its
 * pid.
 */
final class NativeRedisNode implements RedisNode {

	private static final Logger logger = LoggerFactory.getLogger(NativeRedisNode.class);

	static final String HOST = "127.0.0.1";

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

	private final String name;

	private final boolean sentinel;

	private final int port;

	private final Path dir;

	private final Path binary;

	private final String password;

	private final Probe probe;

	private final Duration startTimeout;

	private volatile Process process;

	private volatile boolean frozen;

	private volatile boolean disposed;

	NativeRedisNode(String name, boolean sentinel, int port, Path dir, Path binary, String password, Probe probe,
			Duration startTimeout) {
		this.name = name;
		this.sentinel = sentinel;
		this.port = port;
		this.dir = dir;
		this.binary = binary;
		this.password = password;
		this.probe = probe;
		this.startTimeout = startTimeout;
	}

	Path configFile() {
		return this.dir.resolve(this.sentinel ? "sentinel.conf" : "redis.conf");
	}

	Path logFile() {
		return this.dir.resolve(this.sentinel ? "sentinel.log" : "redis.log");
	}

	Path outputFile() {
		return this.dir.resolve("stdout.log");
	}

	/** The password this node requires from clients (data password or Sentinel password). */
	String password() {
		return this.password;
	}

	/** Lines every node's config starts with. */
	List<String> baseConfig() {
		return List.of("port " + this.port, "bind " + HOST, "protected-mode no", "daemonize no",
				"dir " + Dirs.quote(this.dir.toString()), "logfile " + Dirs.quote(logFile().toString()),
				"loglevel notice");
	}

	void writeConfig(List<String> lines) {
		Dirs.createDirectory(this.dir);
		Dirs.write(configFile(), lines);
	}

	@Override
	public String name() {
		return this.name;
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
		Process p = this.process;
		return p != null && p.isAlive();
	}

	@Override
	public boolean isFrozen() {
		return this.frozen && isRunning();
	}

	/** Running and not frozen: expected to answer. */
	boolean isResponsive() {
		return isRunning() && !this.frozen;
	}

	@Override
	public OptionalLong pid() {
		Process p = this.process;
		return (p != null && p.isAlive()) ? OptionalLong.of(p.pid()) : OptionalLong.empty();
	}

	/** The process handle of the last started process, alive or not (for cleanup checks). */
	Optional<Process> lastProcess() {
		return Optional.ofNullable(this.process);
	}

	@Override
	public synchronized void start() {
		checkNotDisposed();
		if (isRunning()) {
			return;
		}
		Process p = launch();
		awaitUp(p, this.startTimeout);
	}

	/** Starts the process without waiting for it to answer. */
	synchronized Process launch() {
		checkNotDisposed();
		ProcessBuilder builder = new ProcessBuilder(this.binary.toString(), configFile().toString())
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()));
		Process p;
		try {
			p = builder.start();
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not start " + this.binary + " for " + this, ex);
		}
		Watchdog.get().register(p.pid());
		try {
			p.getOutputStream().close();
		}
		catch (IOException ex) {
			// stdin is not used
		}
		this.process = p;
		this.frozen = false;
		if (this.disposed) {
			// closed concurrently (e.g. JVM shutdown while starting)
			forceKill(p);
			throw new IllegalStateException(this + " belongs to a closed topology");
		}
		logger.debug("Launched {} (pid {})", this, p.pid());
		return p;
	}

	/** Polls until the process answers PING; fails at once when it dies. */
	void awaitUp(Process p, Duration timeout) {
		try {
			Poll.until(this + " to answer PING", timeout, (missing) -> {
				if (!p.isAlive()) {
					throw startupFailure(p);
				}
				try {
					String pong = this.sentinel ? this.probe.sentinelPing(this.port, this.password)
							: this.probe.ping(this.port, this.password);
					if ("PONG".equalsIgnoreCase(pong)) {
						return Boolean.TRUE;
					}
					missing.add(this + " answered PING with " + pong);
				}
				catch (RuntimeException ex) {
					missing.add(this + " does not answer PING yet: " + Poll.describe(ex));
				}
				return null;
			});
		}
		catch (RedisTopologyException ex) {
			if (p.isAlive()) {
				forceKill(p);
				throw new RedisTopologyException(ex.getMessage() + "\nLast lines of " + logFile() + ":\n"
						+ Dirs.tail(logFile(), 30), ex);
			}
			throw ex;
		}
	}

	private RedisTopologyException startupFailure(Process p) {
		Watchdog.get().unregister(p.pid());
		String log = Dirs.tail(logFile(), 30);
		String output = Dirs.tail(outputFile(), 10);
		String message = this + " (" + this.binary + " " + configFile() + ") exited with code " + p.exitValue()
				+ " while starting.\nLast lines of " + logFile() + ":\n" + log + "\nLast lines of " + outputFile()
				+ ":\n" + output;
		if (log.contains("Address already in use") || output.contains("Address already in use")) {
			return new PortInUseException(message);
		}
		return new RedisTopologyException(message);
	}

	@Override
	public synchronized void kill() {
		Process p = this.process;
		if (p != null && p.isAlive()) {
			forceKill(p);
			logger.debug("Killed {} (pid {})", this, p.pid());
		}
		this.frozen = false;
	}

	@Override
	public synchronized void stop() {
		Process p = this.process;
		if (p == null || !p.isAlive()) {
			this.frozen = false;
			return;
		}
		if (this.frozen) {
			thaw();
		}
		// SIGTERM: Redis shuts down like SHUTDOWN (nothing to save: persistence is off)
		p.destroy();
		if (!waitFor(p, GRACEFUL_STOP_TIMEOUT)) {
			logger.warn("{} did not stop within {} ms after SIGTERM; killing it", this,
					GRACEFUL_STOP_TIMEOUT.toMillis());
			forceKill(p);
		}
		else {
			Watchdog.get().unregister(p.pid());
		}
		this.frozen = false;
		logger.debug("Stopped {}", this);
	}

	@Override
	public synchronized void freeze() {
		checkNotDisposed();
		Process p = this.process;
		if (p == null || !p.isAlive()) {
			throw new IllegalStateException("Cannot freeze " + this + ": it is not running");
		}
		if (this.frozen) {
			return;
		}
		signal(p, "STOP");
		this.frozen = true;
		awaitProcState(p, true);
		logger.debug("Froze {} (pid {})", this, p.pid());
	}

	@Override
	public synchronized void thaw() {
		Process p = this.process;
		if (!this.frozen) {
			return;
		}
		if (p != null && p.isAlive()) {
			signal(p, "CONT");
			awaitProcState(p, false);
			logger.debug("Thawed {} (pid {})", this, p.pid());
		}
		this.frozen = false;
	}

	/**
	 * Sends SIGKILL to the current process (frozen or not) without taking the node's lock; used by close and the
	 * shutdown hook. Does not wait.
	 */
	Process disposeAsync() {
		this.disposed = true;
		Process p = this.process;
		if (p != null && p.isAlive()) {
			if (this.frozen) {
				// SIGKILL ends stopped processes too; resume it anyway so nothing is left stopped
				try {
					signal(p, "CONT");
				}
				catch (RuntimeException ex) {
					logger.debug("Could not thaw {} before killing it", this, ex);
				}
			}
			p.destroyForcibly();
		}
		return p;
	}

	/** Waits for a process ended by {@link #disposeAsync()}. */
	boolean awaitDisposed(Process p) {
		if (p == null) {
			return true;
		}
		boolean gone = waitFor(p, EXIT_TIMEOUT);
		if (gone) {
			Watchdog.get().unregister(p.pid());
		}
		else {
			logger.warn("{} (pid {}) did not exit within {} ms after SIGKILL", this, p.pid(), EXIT_TIMEOUT.toMillis());
		}
		this.frozen = false;
		return gone;
	}

	private void forceKill(Process p) {
		p.destroyForcibly();
		if (!waitFor(p, EXIT_TIMEOUT)) {
			throw new RedisTopologyException(this + " (pid " + p.pid() + ") did not exit within "
					+ EXIT_TIMEOUT.toMillis() + " ms after SIGKILL");
		}
		Watchdog.get().unregister(p.pid());
	}

	private static boolean waitFor(Process p, Duration timeout) {
		try {
			return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisTopologyException("Interrupted while waiting for pid " + p.pid() + " to exit", ex);
		}
	}

	/** {@code kill -s SIG <pid>} through the shell builtin (Java cannot send SIGSTOP/SIGCONT itself). */
	private void signal(Process p, String signal) {
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " \"$1\"", "sh",
				Long.toString(p.pid()))
			.redirectErrorStream(true);
		try {
			Process kill = builder.start();
			kill.getOutputStream().close();
			if (!kill.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				kill.destroyForcibly();
				throw new RedisTopologyException("kill -s " + signal + " " + p.pid() + " did not finish");
			}
			if (kill.exitValue() != 0) {
				String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
				throw new RedisTopologyException("kill -s " + signal + " " + p.pid() + " (" + this + ") failed with code "
						+ kill.exitValue() + ": " + output);
			}
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not run kill -s " + signal + " " + p.pid(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisTopologyException("Interrupted while sending SIG" + signal + " to " + this, ex);
		}
	}

	/** Waits until /proc shows the process stopped (or running again); skipped where there is no /proc. */
	private void awaitProcState(Process p, boolean stopped) {
		Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
		if (!Files.exists(stat)) {
			return;
		}
		Poll.until(this + " to be " + (stopped ? "stopped" : "resumed"), SIGNAL_TIMEOUT, (missing) -> {
			if (!p.isAlive()) {
				return Boolean.TRUE;
			}
			String content;
			try (java.io.InputStream in = Files.newInputStream(stat)) {
				content = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			}
			char state = content.charAt(content.lastIndexOf(')') + 2);
			boolean isStopped = state == 'T' || state == 't';
			if (isStopped == stopped) {
				return Boolean.TRUE;
			}
			missing.add("process state is " + state);
			return null;
		});
	}

	private void checkNotDisposed() {
		if (this.disposed) {
			throw new IllegalStateException(this + " belongs to a closed topology");
		}
	}

	@Override
	public String toString() {
		return (this.sentinel ? "redis-sentinel " : "redis-server ") + this.name + "@" + address();
	}

}
