package io.github.redisha.test.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.redisha.test.RedisTopologyException;

/**
 * Runs one host command ({@code ip}, {@code iptables}) to completion and returns what it
 * printed.
 *
 * @author redis-ha
 */
final class HostCommand {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private HostCommand() {
	}

	static String run(List<String> command) {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not run " + String.join(" ", command) + ": " + ex.getMessage(), ex);
		}
		try {
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new RedisTopologyException(String.join(" ", command) + " did not finish within " + TIMEOUT);
			}
			if (process.exitValue() != 0) {
				throw new RedisTopologyException(
						String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output.strip());
			}
			return output;
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not read the output of " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new RedisTopologyException("Interrupted while running " + String.join(" ", command), ex);
		}
	}

}
