package io.github.redisha.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * The sample app's executable jar ({@code target/sample-app.jar}, built by
 * {@code package}) running in a JVM of its own — the way it is deployed — with
 * {@code variables} as its whole environment. Its output goes to a file under
 * {@code target/}; {@link #close()} stops exactly this process (SIGTERM, then SIGKILL),
 * also when a test failed.
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("started on port (\\d+)");

	private final Process process;

	private final Path log;

	private final SampleAppClient client;

	private SampleAppProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.client = new SampleAppClient(URI.create("http://127.0.0.1:" + port));
	}

	/**
	 * Start the app and wait until it serves HTTP.
	 * @param javaHome the JDK or JRE to run it on
	 * @param jvmArguments options for the JVM, e.g. {@code -Dspring.aot.enabled=true}
	 * @param variables its environment
	 * @param name names the log file
	 * @return the running app
	 */
	static SampleAppProcess start(Path javaHome, List<String> jvmArguments, Map<String, String> variables,
			String name) {
		Path jar = Path.of("target", "sample-app.jar").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run the tests with 'verify', which packages the app");
		}
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.add("-Xmx384m");
		command.addAll(jvmArguments);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1"));
		Path log = Path.of("target", name + ".log").toAbsolutePath();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().clear();
		builder.environment().putAll(variables);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			int port = Awaitility.await("sample app on " + javaHome + " serving HTTP (log: " + log + ")")
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> startedPort(process, log), (found) -> found > 0);
			return new SampleAppProcess(process, log, port);
		}
		catch (RuntimeException | Error ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	private static int startedPort(Process process, Path log) throws IOException {
		String output = Files.readString(log);
		Matcher matcher = STARTED.matcher(output);
		if (matcher.find()) {
			return Integer.parseInt(matcher.group(1));
		}
		if (!process.isAlive()) {
			throw new IllegalStateException("the sample app exited with " + process.exitValue() + ":\n" + output);
		}
		return 0;
	}

	SampleAppClient client() {
		return this.client;
	}

	/**
	 * Everything the app printed so far.
	 * @return its output
	 */
	String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stop the app the way a platform does (SIGTERM), so shutdown hooks run; SIGKILL if
	 * it has not exited in time.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
