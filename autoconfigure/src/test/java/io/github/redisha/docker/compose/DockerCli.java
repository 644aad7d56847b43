package io.github.redisha.docker.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code docker} command line for the compose end-to-end tests: run a command, and
 * find the container of a compose service.
 */
final class DockerCli {

	private DockerCli() {
	}

	/**
	 * The id of the one running container of {@code service} in compose project
	 * {@code project}.
	 * @param project the compose project
	 * @param service the compose service
	 * @return the container id
	 */
	static String container(String project, String service) {
		String id = docker("ps", "--quiet", "--filter", "label=com.docker.compose.project=" + project, "--filter",
				"label=com.docker.compose.service=" + service)
			.trim();
		assertThat(id).as("the " + service + " container of project " + project).isNotEmpty().doesNotContain("\n");
		return id;
	}

	/**
	 * Runs {@code docker <arguments>}; fails the test unless it exits 0 within a minute.
	 * @param arguments the arguments
	 * @return what it printed
	 */
	static String docker(String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			assertThat(process.waitFor(1, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

}
