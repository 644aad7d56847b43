package io.github.redisha.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Docker Compose on the repository's {@code docker-compose.yml} under its own
 * project name: {@code docker compose} (v2) where available, else {@code docker-compose}
 * (v1). The environment is passed through, so {@code REDIS_IMAGE}, {@code APP_JRE_IMAGE}
 * etc. choose the images as they do for users.
 */
final class Compose {

	private final List<String> command;

	private final Path file;

	private final String project;

	Compose(Path file, String project) {
		this.file = file;
		this.project = project;
		this.command = succeeds(List.of("docker", "compose", "version")) ? List.of("docker", "compose")
				: List.of("docker-compose");
	}

	/** Runs {@code compose <args>}; fails with the output when it exits non-zero. */
	String run(Duration timeout, String... args) {
		List<String> full = new ArrayList<>(this.command);
		full.addAll(List.of("-f", this.file.toString(), "-p", this.project));
		full.addAll(List.of(args));
		return exec(full, timeout);
	}

	/** The id of the (single) container of {@code service}. */
	String containerId(String service) {
		String id = run(Duration.ofSeconds(30), "ps", "-q", service).trim();
		if (id.isEmpty()) {
			throw new AssertionError("No container for service " + service);
		}
		return id;
	}

	static String exec(List<String> command, Duration timeout) {
		try {
			Path output = Files.createTempFile("redisha-compose-", ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				process.getOutputStream().close();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
							+ Files.readString(output, StandardCharsets.UTF_8));
				}
				String text = Files.readString(output, StandardCharsets.UTF_8);
				if (process.exitValue() != 0) {
					throw new AssertionError(
							String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
				}
				return text;
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new AssertionError("Could not run " + String.join(" ", command) + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	private static boolean succeeds(List<String> command) {
		try {
			exec(command, Duration.ofSeconds(30));
			return true;
		}
		catch (AssertionError ex) {
			return false;
		}
	}

}
