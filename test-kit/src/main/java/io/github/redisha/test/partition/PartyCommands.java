package io.github.redisha.test.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.redisha.test.RedisTopologyException;

/**
 * Commands run inside one network namespace as a party's uid: the command line that does
 * it, long-running processes in a working directory of the party's, and short commands
 * bounded in time.
 *
 * @author redis-ha
 */
final class PartyCommands {

	private final String namespace;

	PartyCommands(String namespace) {
		this.namespace = namespace;
	}

	/**
	 * The command line that runs {@code command} inside the namespace as the party's uid.
	 * @param party the party
	 * @param command the command
	 * @return the full command line
	 * @see NetworkNamespace#commandAs(Party, List)
	 */
	List<String> commandAs(Party party, List<String> command) {
		// read access to every file: a child JVM needs the build's class path, which may
		// be under root's home
		List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", this.namespace, "setpriv", "--reuid",
				Integer.toString(party.uid()), "--regid", Integer.toString(party.uid()), "--clear-groups", "--inh-caps",
				"+dac_read_search", "--ambient-caps", "+dac_read_search", "--"));
		line.addAll(command);
		return line;
	}

	/**
	 * Starts a process as the party's uid in {@code workDir}, made the party's, with its
	 * output appended to {@code workDir/stdout.log}.
	 * @param party the party
	 * @param workDir the working directory, created if missing
	 * @param command the command
	 * @return the process
	 * @see NetworkNamespace#start(Party, Path, List)
	 */
	Process start(Party party, Path workDir, List<String> command) {
		try {
			Files.createDirectories(workDir);
			try (Stream<Path> files = Files.list(workDir)) {
				for (Path file : Stream.concat(Stream.of(workDir), files).toList()) {
					Files.setAttribute(file, "unix:uid", party.uid());
					Files.setAttribute(file, "unix:gid", party.uid());
				}
			}
			Process process = new ProcessBuilder(commandAs(party, command)).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("stdout.log").toFile()))
				.start();
			process.getOutputStream().close();
			return process;
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not start " + String.join(" ", command) + " as " + party, ex);
		}
	}

	/**
	 * Runs a short command as the party's uid, ended after {@code timeout} (coreutils
	 * {@code timeout}), and waits for it.
	 * @param party the party
	 * @param timeout how long the command may take
	 * @param command the command
	 * @return what it printed, or empty when it failed or ran out of time
	 * @see NetworkNamespace#run(Party, Duration, List)
	 */
	Optional<String> run(Party party, Duration timeout, List<String> command) {
		List<String> bounded = new ArrayList<>(
				List.of("timeout", "-s", "KILL", String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0)));
		bounded.addAll(command);
		try {
			Process process = new ProcessBuilder(commandAs(party, bounded)).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			process.waitFor();
			return (process.exitValue() == 0) ? Optional.of(output) : Optional.empty();
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not run " + String.join(" ", command) + " as " + party, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisTopologyException("Interrupted while running " + String.join(" ", command), ex);
		}
	}

}
