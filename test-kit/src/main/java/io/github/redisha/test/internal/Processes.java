package io.github.redisha.test.internal;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ProcessRuntime}s of one topology: one temporary directory holding a
 * directory per node, registered with the watchdog, deleted on close.
 *
 * @author redis-ha
 */
final class Processes implements ServerRuntime.Factory {

	private static final Logger logger = LoggerFactory.getLogger(Processes.class);

	private final Path root;

	private final Path serverBinary;

	private final Path sentinelBinary;

	Processes(String prefix, Path serverBinary, Path sentinelBinary) {
		this.serverBinary = serverBinary;
		this.sentinelBinary = sentinelBinary;
		this.root = Dirs.createTempDirectory(prefix);
		Watchdog.get().registerDirectory(this.root);
	}

	/**
	 * The temporary directory holding all node directories; deleted by {@link #close()}.
	 * @return the root directory
	 */
	Path root() {
		return this.root;
	}

	@Override
	public ServerRuntime create(String name, boolean sentinel, int port) {
		if (sentinel && this.sentinelBinary == null) {
			throw new IllegalStateException("No redis-sentinel binary was looked up for this topology");
		}
		return new ProcessRuntime(name, sentinel, this.root.resolve(name),
				sentinel ? this.sentinelBinary : this.serverBinary);
	}

	@Override
	public String describe() {
		return "dir " + this.root;
	}

	@Override
	public void close() {
		if (!Dirs.deleteRecursively(this.root)) {
			logger.warn("Could not delete {}", this.root);
		}
	}

}
