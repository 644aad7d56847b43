package io.github.redisha.test.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.github.redisha.test.RedisTopologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's server as a child process of this JVM: {@code redis-server} /
 * {@code redis-sentinel} started from the local binaries in the node's own directory.
 * Every signal goes to the process by its pid; the {@link Watchdog} kills the process if
 * the JVM dies without closing the topology.
 *
 * @author redis-ha
 */
final class ProcessRuntime implements ServerRuntime {

	private static final Logger logger = LoggerFactory.getLogger(ProcessRuntime.class);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

	private final String name;

	private final boolean sentinel;

	private final Path dir;

	private final Path binary;

	private volatile Process process;

	ProcessRuntime(String name, boolean sentinel, Path dir, Path binary) {
		this.name = name;
		this.sentinel = sentinel;
		this.dir = dir;
		this.binary = binary;
	}

	/**
	 * The runtimes of one topology: one temporary directory holding a directory per node.
	 * @param prefix the temporary directory's name prefix, e.g. {@code redisha-sentinel-}
	 * @param withSentinels whether the topology has Sentinels (the {@code redis-sentinel}
	 * binary is required then)
	 * @return the factory
	 * @throws RedisTopologyException when a binary is missing
	 */
	static Factory factory(String prefix, boolean withSentinels) {
		List<Path> binaries = withSentinels ? Binaries.serverAndSentinel() : List.of(Binaries.server());
		return new Processes(prefix, binaries.get(0), withSentinels ? binaries.get(1) : null);
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

	/**
	 * The last started process, alive or not (for cleanup checks).
	 * @return the process, or empty before the first start
	 */
	Optional<Process> lastProcess() {
		return Optional.ofNullable(this.process);
	}

	@Override
	public List<String> locationConfig() {
		return List.of("dir " + Dirs.quote(this.dir.toString()), "logfile " + Dirs.quote(logFile().toString()));
	}

	@Override
	public void writeConfig(List<String> lines) {
		Dirs.createDirectory(this.dir);
		Dirs.write(configFile(), lines);
	}

	@Override
	public void launch() {
		ProcessBuilder builder = new ProcessBuilder(this.binary.toString(), configFile().toString())
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()));
		Process p;
		try {
			p = builder.start();
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not start " + this.binary + " for " + this.name, ex);
		}
		Watchdog.get().register(p.pid());
		try {
			p.getOutputStream().close();
		}
		catch (IOException ex) {
			// stdin is not used
		}
		this.process = p;
		logger.debug("Launched {} (pid {})", this.name, p.pid());
	}

	@Override
	public boolean isAlive() {
		Process p = this.process;
		return p != null && p.isAlive();
	}

	@Override
	public OptionalLong pid() {
		Process p = this.process;
		return (p != null && p.isAlive()) ? OptionalLong.of(p.pid()) : OptionalLong.empty();
	}

	@Override
	public void kill() {
		Process p = this.process;
		if (p != null && p.isAlive()) {
			forceKill(p);
		}
	}

	@Override
	public boolean stop(Duration timeout) {
		Process p = this.process;
		if (p == null || !p.isAlive()) {
			return true;
		}
		// SIGTERM: Redis shuts down like SHUTDOWN (nothing to save: persistence is off)
		p.destroy();
		if (waitFor(p, timeout)) {
			Watchdog.get().unregister(p.pid());
			return true;
		}
		forceKill(p);
		return false;
	}

	@Override
	public void suspend() {
		Process p = requireAlive();
		ProcessSignals.send(p, "STOP", this.name);
		ProcessSignals.awaitState(p, true, this.name);
	}

	@Override
	public void resume() {
		Process p = this.process;
		if (p != null && p.isAlive()) {
			ProcessSignals.send(p, "CONT", this.name);
			ProcessSignals.awaitState(p, false, this.name);
		}
	}

	@Override
	public String describeExit() {
		Process p = this.process;
		if (p == null) {
			return "(never started)";
		}
		Watchdog.get().unregister(p.pid());
		return "(" + this.binary + " " + configFile() + ") exited with code " + (p.isAlive() ? "?" : p.exitValue())
				+ " while starting.\n" + logTail() + "\nLast lines of " + outputFile() + ":\n"
				+ Dirs.tail(outputFile(), 10);
	}

	@Override
	public String logTail() {
		return "Last lines of " + logFile() + ":\n" + Dirs.tail(logFile(), 30);
	}

	@Override
	public void disposeAsync(boolean frozen) {
		Process p = this.process;
		if (p != null && p.isAlive()) {
			// SIGKILL ends stopped processes too; resume it anyway so nothing is left
			// stopped
			if (frozen) {
				try {
					ProcessSignals.send(p, "CONT", this.name);
				}
				catch (RuntimeException ex) {
					logger.debug("Could not send SIGCONT to {} before killing it", this.name, ex);
				}
			}
			p.destroyForcibly();
		}
	}

	@Override
	public boolean awaitDisposed() {
		Process p = this.process;
		if (p == null) {
			return true;
		}
		boolean gone = waitFor(p, EXIT_TIMEOUT);
		if (gone) {
			Watchdog.get().unregister(p.pid());
		}
		else {
			logger.warn("{} (pid {}) did not exit within {} ms after SIGKILL", this.name, p.pid(),
					EXIT_TIMEOUT.toMillis());
		}
		return gone;
	}

	private Process requireAlive() {
		Process p = this.process;
		if (p == null || !p.isAlive()) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return p;
	}

	private void forceKill(Process p) {
		p.destroyForcibly();
		if (!waitFor(p, EXIT_TIMEOUT)) {
			throw new RedisTopologyException(this.name + " (pid " + p.pid() + ") did not exit within "
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

}
