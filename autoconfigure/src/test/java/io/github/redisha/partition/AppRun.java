package io.github.redisha.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.github.redisha.test.partition.NetworkNamespace;
import io.github.redisha.test.partition.Party;
import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One run of {@link PartitionedApp} as a party of its own in the namespace: starts it
 * with the topology's {@code REDIS_*} variables plus the scenario's, and reads back what
 * it printed (the output file is the only way out of the namespace).
 */
final class AppRun {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	/**
	 * For the first write: a JVM and a Spring context starting on a machine busy with
	 * other builds.
	 */
	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

	private final Party party;

	private final Path output;

	private final Path stop;

	private final Process process;

	private final boolean plain;

	private AppRun(Party party, Process process, Path output, Path stop, boolean plain) {
		this.party = party;
		this.plain = plain;
		this.process = process;
		this.output = output;
		this.stop = stop;
	}

	/**
	 * Starts the application, as a party named {@code redis-ha} or {@code plain}, writing
	 * keys prefixed with that name. redis-ha is configured by {@code REDIS_*}, plain
	 * Spring Boot by {@code spring.data.redis.sentinel.*}, as their users would.
	 * @param plain plain Spring Boot (none of redis-ha's auto-configurations)
	 * @param environment variable, value pairs on top of the Sentinel settings
	 */
	static AppRun start(NetworkNamespace namespace, PartitionedTopology topology, Path dir, boolean plain,
			String... environment) throws IOException {
		return start(namespace, topology.sentinelAddresses(), dir, plain, environment);
	}

	/**
	 * Starts the application on these Sentinels.
	 * @param sentinels the Sentinels' {@code host:port} list, as {@code REDIS_SENTINELS}
	 * @param plain plain Spring Boot (none of redis-ha's auto-configurations)
	 * @param environment variable, value pairs on top of the Sentinel settings
	 */
	static AppRun start(NetworkNamespace namespace, String sentinels, Path dir, boolean plain, String... environment)
			throws IOException {
		String name = plain ? "plain" : "redis-ha";
		Path appDir = Files.createDirectories(dir.resolve(name));
		Path stop = appDir.resolve("stop");
		Party party = namespace.party(name);
		Map<String, String> variables = new TreeMap<>(plain
				? Map.of("SPRING_DATA_REDIS_SENTINEL_NODES", sentinels, "SPRING_DATA_REDIS_SENTINEL_MASTER",
						PartitionedTopology.MASTER_NAME)
				: Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS", sentinels, "REDIS_MASTER_NAME",
						PartitionedTopology.MASTER_NAME));
		for (int i = 0; i < environment.length; i += 2) {
			variables.put(environment[i], environment[i + 1]);
		}
		List<String> command = new ArrayList<>(List.of("env"));
		variables.forEach((variable, value) -> command.add(variable + "=" + value));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		command.addAll(List.of(java, "-Xmx256m", "-cp", classpath, PartitionedApp.class.getName(), stop.toString(),
				name, plain ? "plain" : "redis-ha"));
		Process process = namespace.start(party, appDir, command);
		return new AppRun(party, process, appDir.resolve("stdout.log"), stop, plain);
	}

	Party party() {
		return this.party;
	}

	Process process() {
		return this.process;
	}

	/** Waits until the application has been told of {@code count} more writes. */
	void awaitMoreAcknowledged(int count) {
		int before = lines("ACK ").size();
		awaitUntil(count + " more acknowledged writes", (before > 0) ? TIMEOUT : STARTUP_TIMEOUT,
				() -> lines("ACK ").size() >= before + count);
	}

	/** Waits until the application has read {@code count} more times without error. */
	void awaitMoreReads(int count) {
		int before = lines("READ ").size();
		awaitUntil(count + " more reads", () -> lines("READ ").size() >= before + count);
	}

	/** Waits until a health line printed from now on contains {@code text}. */
	String awaitHealthContaining(String text) {
		int before = lines("HEALTH ").size();
		awaitUntil("health containing " + text, () -> healthAfter(before, text) != null);
		return healthAfter(before, text);
	}

	/**
	 * Waits for the condition; on time-out fails with the end of the application's
	 * output, which is all there is to diagnose it by.
	 */
	void awaitUntil(String what, Callable<Boolean> condition) {
		awaitUntil(what, TIMEOUT, condition);
	}

	private void awaitUntil(String what, Duration timeout, Callable<Boolean> condition) {
		try {
			await().atMost(timeout).until(condition);
		}
		catch (ConditionTimeoutException ex) {
			List<String> output = read().lines().toList();
			throw new AssertionError(
					"Timed out waiting for " + what + " of " + this.party.name() + "; its output ends: "
							+ String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size())),
					ex);
		}
	}

	private String healthAfter(int skip, String text) {
		return lines("HEALTH ").stream().skip(skip).filter((line) -> line.contains(text)).findFirst().orElse(null);
	}

	/** Asks the application to stop and waits until it did. */
	void stop() throws IOException {
		Files.writeString(this.stop, "stop");
		awaitUntil("DONE", () -> read().contains("DONE"));
		assertThat(read()).doesNotContain("STARTUP FAILED");
	}

	/** The keys of every write the application was told succeeded. */
	List<String> acknowledgedKeys() {
		return lines("ACK ").stream().map((line) -> line.split(" ")[2]).toList();
	}

	/**
	 * The lines with this prefix ({@code ACK }, {@code FAIL }, {@code READ },
	 * {@code READFAIL }, {@code HEALTH }).
	 */
	List<String> lines(String prefix) {
		return read().lines().filter((line) -> line.startsWith(prefix)).toList();
	}

	/** How many such lines carry a time from {@code fromMillis} on. */
	long countSince(String prefix, long fromMillis) {
		return lines(prefix).stream().filter((line) -> millis(line) >= fromMillis).count();
	}

	/** The longest time without an acknowledged write, in milliseconds. */
	long longestWriteGapMillis() {
		long longest = 0;
		long previous = -1;
		for (String line : lines("ACK ")) {
			long at = millis(line);
			if (previous != -1) {
				longest = Math.max(longest, at - previous);
			}
			previous = at;
		}
		return longest;
	}

	/**
	 * Prints the scenario's numbers (for docs/benchmarks.md) and returns them.
	 * @param scenario what ran
	 * @param lost acknowledged writes missing on the final master
	 * @param healedAt when the partition healed: the report gives the time from then to
	 * the first acknowledged write
	 */
	String report(String scenario, long lost, long healedAt) {
		Map<String, Long> errors = new TreeMap<>();
		for (String line : lines("FAIL ")) {
			String[] parts = line.split(" ", 5);
			errors.merge((parts.length > 3) ? parts[3] : "?", 1L, Long::sum);
		}
		long firstWriteAfterHeal = lines("ACK ").stream()
			.mapToLong(AppRun::millis)
			.filter((at) -> at >= healedAt)
			.findFirst()
			.orElse(-1);
		String report = String.format(Locale.ROOT,
				"partition %s, %s: acknowledged=%d lost=%d writeErrors=%d %s reads=%d readErrors=%d %s "
						+ "longestWriteGap=%dms firstWriteAfterHeal=%dms",
				scenario, this.plain ? "plain Boot" : "redis-ha", lines("ACK ").size(), lost, lines("FAIL ").size(),
				errors, lines("READ ").size(), lines("READFAIL ").size(), readErrors(), longestWriteGapMillis(),
				(firstWriteAfterHeal != -1) ? firstWriteAfterHeal - healedAt : -1);
		System.out.println(report);
		return report;
	}

	private Map<String, Long> readErrors() {
		Map<String, Long> errors = new TreeMap<>();
		for (String line : lines("READFAIL ")) {
			String[] parts = line.split(" ", 4);
			errors.merge((parts.length > 2) ? parts[2] : "?", 1L, Long::sum);
		}
		return errors;
	}

	static long millis(String line) {
		return Long.parseLong(line.split(" ")[1]);
	}

	private String read() {
		try {
			return Files.exists(this.output) ? Files.readString(this.output) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
