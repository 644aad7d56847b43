package io.github.redisha.test.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small {@code sh} process per JVM that kills the Redis processes of this JVM if the
 * JVM dies without running its shutdown hooks (e.g. {@code kill -9} of the test JVM).
 *
 * <p>
 * The JVM writes each started pid to the watchdog's stdin as a line {@code <pid>}, and
 * {@code -<pid>} once that process has been ended normally; and each temporary directory
 * as {@code d<path>}. The watchdog only blocks in {@code read}; when the JVM dies, the
 * kernel closes the pipe, {@code read} sees end-of-file and the watchdog runs
 * {@code kill -9} on every pid still registered, then {@code ip netns del} on the
 * registered network namespaces (lines {@code n<name>}, names {@code redisha-*}, see the
 * partition package), then {@code rm -rf} on the registered directories that still exist
 * (those of closed topologies are gone already), then exits. A normal JVM exit closes the
 * pipe too, after the shutdown hook has closed everything, so the watchdog then finds
 * nothing left to do. No polling is involved. The watchdog ignores SIGINT/SIGHUP/SIGTERM
 * so that a Ctrl-C or a terminal hang-up that also reaches it cannot stop it before it
 * did its job; it exits as soon as its stdin closes.
 *
 * @author redis-ha
 */
final class Watchdog {

	private static final Logger logger = LoggerFactory.getLogger(Watchdog.class);

	static final String SCRIPT = String.join("\n", "trap '' INT HUP TERM PIPE", "pids=' '", "dirs=''", "nss=''",
			"while IFS= read -r l; do", "  case \"$l\" in", "    d/*/redisha-*) dirs=\"$dirs${l#d}", "\" ;;",
			"    nredisha-*) nss=\"$nss ${l#n}\" ;;", "    ''|*[!0-9-]*) ;;",
			"    -*) p=${l#-}; case \"$pids\" in *\" $p \"*) pids=\"${pids%% $p *} ${pids#* $p }\";; esac ;;",
			"    *) pids=\"$pids$l \" ;;", "  esac", "done", "for p in $pids; do kill -9 \"$p\" 2>/dev/null; done",
			"for n in $nss; do ip netns del \"$n\" 2>/dev/null; done",
			"printf '%s' \"$dirs\" | while IFS= read -r d; do rm -rf -- \"$d\"; done", "");

	private static Watchdog instance;

	private final Process process;

	private final OutputStream pipe;

	private boolean broken;

	private Watchdog(Process process) {
		this.process = process;
		this.pipe = process.getOutputStream();
	}

	static synchronized Watchdog get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static Watchdog start() {
		try {
			Process process = new ProcessBuilder("/bin/sh", "-c", SCRIPT)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			logger.debug("Started Redis test-kit watchdog (pid {})", process.pid());
			return new Watchdog(process);
		}
		catch (IOException ex) {
			logger.warn("Could not start the Redis test-kit watchdog (/bin/sh); Redis processes will not be cleaned up"
					+ " if this JVM is killed with SIGKILL", ex);
			return new Watchdog(null);
		}
	}

	/**
	 * The watchdog's own pid, for tests.
	 * @return the pid or -1 when no watchdog runs
	 */
	long pid() {
		return (this.process != null) ? this.process.pid() : -1;
	}

	synchronized void register(long pid) {
		send(Long.toString(pid));
	}

	synchronized void unregister(long pid) {
		send("-" + pid);
	}

	/**
	 * A temporary directory (named {@code redisha-*}) to delete if the JVM dies.
	 * @param dir the directory to delete
	 */
	synchronized void registerDirectory(java.nio.file.Path dir) {
		String path = dir.toAbsolutePath().toString();
		if (path.indexOf('\n') < 0) {
			send("d" + path);
		}
	}

	/**
	 * A network namespace (named {@code redisha-*}) to delete if the JVM dies.
	 * @param name the name of the namespace
	 */
	synchronized void registerNamespace(String name) {
		if (name.startsWith("redisha-") && name.matches("[A-Za-z0-9-]+")) {
			send("n" + name);
		}
	}

	private void send(String line) {
		if (this.process == null || this.broken) {
			return;
		}
		try {
			this.pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
			this.pipe.flush();
		}
		catch (IOException ex) {
			this.broken = true;
			logger.warn("The Redis test-kit watchdog (pid {}) is gone; Redis processes will not be cleaned up if this"
					+ " JVM is killed with SIGKILL", this.process.pid(), ex);
		}
	}

}
