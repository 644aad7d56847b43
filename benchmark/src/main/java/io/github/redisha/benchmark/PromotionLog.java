package io.github.redisha.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.redisha.test.RedisNode;

/**
 * R: when a promoted replica itself says it became master — the time stamp of the last
 * {@code MASTER MODE enabled} line (Sentinel) or {@code Failover election won} line
 * (Cluster) in its own log (a native test-kit node's log file, whose path
 * {@link RedisNode#recentLog()} names).
 *
 * @author redis-ha
 */
final class PromotionLog {

	private static final Pattern LOG_FILE = Pattern.compile("Last lines of (\\S+):");

	/** e.g. {@code 12345:M 01 Dec 2026 05:06:01.264 * MASTER MODE enabled (...)}. */
	private static final Pattern MASTER_MODE = logLine("MASTER MODE enabled");

	/**
	 * e.g. {@code 12345:S 01 Dec 2026 05:06:01.264 * Failover election won for epoch 7.}.
	 */
	private static final Pattern ELECTION_WON = logLine("Failover election won");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);

	private PromotionLog() {
	}

	/**
	 * When {@code node} last logged {@code MASTER MODE enabled}.
	 * @param node the promoted replica
	 * @return epoch milliseconds, empty when its log cannot be read or has no such line
	 */
	static OptionalLong masterModeAt(RedisNode node) {
		return lastAt(node, MASTER_MODE);
	}

	/**
	 * When {@code node}, a cluster replica, last won a failover election.
	 * @param node the promoted replica
	 * @return epoch milliseconds, empty when its log cannot be read or has no such line
	 */
	static OptionalLong electionWonAt(RedisNode node) {
		return lastAt(node, ELECTION_WON);
	}

	private static Pattern logLine(String message) {
		return Pattern.compile("^\\d+:[MSC] (\\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) [#*.-] " + message);
	}

	private static OptionalLong lastAt(RedisNode node, Pattern pattern) {
		Matcher file = LOG_FILE.matcher(node.recentLog());
		if (!file.find()) {
			return OptionalLong.empty();
		}
		try {
			List<String> lines = Files.readAllLines(Path.of(file.group(1)));
			for (int i = lines.size() - 1; i >= 0; i--) {
				Matcher line = pattern.matcher(lines.get(i));
				if (line.find()) {
					return OptionalLong.of(LocalDateTime.parse(line.group(1), TIME)
						.atZone(ZoneId.systemDefault())
						.toInstant()
						.toEpochMilli());
				}
			}
		}
		catch (IOException | DateTimeParseException ex) {
			FailoverBenchmark.log("cannot read the log of " + node.address() + ": " + ex);
		}
		return OptionalLong.empty();
	}

}
