package io.github.redisha.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.redisha.test.RedisTopologyException;

/**
 * SIGSTOP and SIGCONT for a local process, which Java cannot send itself: {@code kill -s}
 * through the shell builtin, and a wait until {@code /proc} shows that the signal took
 * effect.
 *
 * @author redis-ha
 */
final class ProcessSignals {

	private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

	private ProcessSignals() {
	}

	/**
	 * {@code kill -s SIG <pid>} through the shell builtin.
	 * @param p the process to signal
	 * @param signal the signal name, e.g. {@code STOP} or {@code CONT}
	 * @param name the node's name, for messages
	 */
	static void send(Process p, String signal, String name) {
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
				throw new RedisTopologyException("kill -s " + signal + " " + p.pid() + " (" + name
						+ ") failed with code " + kill.exitValue() + ": " + output);
			}
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not run kill -s " + signal + " " + p.pid(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisTopologyException("Interrupted while sending SIG" + signal + " to " + name, ex);
		}
	}

	/**
	 * Waits until /proc shows the process stopped (or running again); skipped where there
	 * is no /proc.
	 * @param p the process to watch
	 * @param stopped whether to wait for it to be stopped rather than running
	 * @param name the node's name, for messages
	 */
	static void awaitState(Process p, boolean stopped, String name) {
		Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
		if (!Files.exists(stat)) {
			return;
		}
		Poll.until(name + " to be " + (stopped ? "stopped" : "resumed"), SIGNAL_TIMEOUT, (missing) -> {
			if (!p.isAlive()) {
				return Boolean.TRUE;
			}
			String content;
			try (InputStream in = Files.newInputStream(stat)) {
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

}
