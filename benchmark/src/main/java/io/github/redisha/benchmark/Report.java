package io.github.redisha.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as Markdown tables, ready for docs/benchmarks.md.
 *
 * @author redis-ha
 */
final class Report {

	private final List<String> header = new ArrayList<>();

	private final List<String> failovers = new ArrayList<>();

	private final List<String> reads = new ArrayList<>();

	private final List<String> planned = new ArrayList<>();

	private final List<String> steady = new ArrayList<>();

	private final List<String> sections = new ArrayList<>();

	/** Further tables by their title and header line, in the order first used. */
	private final Map<String, List<String>> tables = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	void header(Instant at, String arguments) {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		this.header.add("Run " + at + " (" + os.getAvailableProcessors() + " CPUs, load average at start "
				+ String.format(Locale.ROOT, "%.2f", os.getSystemLoadAverage()) + ", Java "
				+ System.getProperty("java.version") + ")" + (arguments.isEmpty() ? "" : ", arguments: " + arguments));
	}

	/**
	 * A scenario's own Markdown, placed before the notes.
	 * @param markdown the tables
	 */
	void section(String markdown) {
		this.sections.add(markdown);
	}

	/**
	 * A row of a further table, which is printed after the built-in ones.
	 * @param title the sentence above the table
	 * @param columns the column names
	 * @param cells the row, as many as columns
	 */
	void row(String title, List<String> columns, List<String> cells) {
		String key = title + "\n\n| " + String.join(" | ", columns) + " |\n|" + "---|".repeat(columns.size()) + "\n";
		this.tables.computeIfAbsent(key, (ignored) -> new ArrayList<>()).add("| " + String.join(" | ", cells) + " |");
	}

	void note(String note) {
		this.notes.add(note);
	}

	void failover(String scenario, Outcome starter, Outcome plain) {
		for (Outcome outcome : List.of(starter, plain)) {
			Long wMinusP = outcome.writeMinusPromotion();
			this.failovers.add(
					String
						.join(" | ", "", scenarioName(scenario), outcome.client(),
								(outcome.promotion() >= 0) ? seconds(outcome.promotion()) : "–",
								(outcome.firstWriteAfterGap() >= 0) ? seconds(outcome.firstWriteAfterGap())
										: "not recovered",
								(wMinusP != null) ? seconds(wMinusP) : "–", seconds(outcome.longestGap()),
								Integer.toString(outcome.errors()), Integer.toString(outcome.readOnly()),
								Integer.toString(outcome.acknowledged()), Long.toString(outcome.lost()), "")
						.trim());
			if (outcome.firstError() != null) {
				this.notes.add(scenarioName(scenario) + ", " + outcome.client() + ": first error: "
						+ abbreviate(outcome.firstError()));
			}
		}
	}

	void plannedFailover(String shape, Outcome starter, Outcome plain) {
		for (Outcome outcome : List.of(starter, plain)) {
			this.planned.add(
					String
						.join(" | ", "", shape, outcome.client(), Integer.toString(outcome.acknowledged()),
								Long.toString(outcome.lost()), Integer.toString(outcome.errors()),
								Integer.toString(outcome.readOnly()), millis(outcome.longestGap()), "")
						.trim());
			if (outcome.firstError() != null) {
				this.notes.add("planned failover, " + shape + ", " + outcome.client() + ": first error: "
						+ abbreviate(outcome.firstError()));
			}
		}
	}

	void replicaReads(Outcome starter, Outcome plain) {
		for (Outcome outcome : List.of(starter, plain)) {
			this.reads.add(String
				.join(" | ", "", outcome.client(), Integer.toString(outcome.operations()),
						Integer.toString(outcome.errors()), millis(outcome.slowest()), millis(outcome.longestGap()), "")
				.trim());
			if (outcome.firstError() != null) {
				this.notes
					.add("replica reads, " + outcome.client() + ": first error: " + abbreviate(outcome.firstError()));
			}
		}
	}

	void steadyState(List<String> labels, List<SteadyState.Sample> samples) {
		double plain = samples.get(1).opsPerSecond();
		for (int i = 0; i < labels.size(); i++) {
			SteadyState.Sample sample = samples.get(i);
			this.steady.add(
					String
						.join(" | ", "", labels.get(i), String.format(Locale.ROOT, "%.0f", sample.opsPerSecond()),
								String.format(Locale.ROOT, "%.0f %%", 100 * sample.opsPerSecond() / plain),
								String.format(Locale.ROOT, "%.2f", sample.p99GetMillis()),
								String.format(Locale.ROOT, "%.2f", sample.p99SetMillis()), "")
						.trim());
		}
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		this.header.forEach((line) -> md.append(line).append("\n\n"));
		if (!this.failovers.isEmpty()) {
			md.append("| scenario | client | P (s) | W (s) | W−P (s) | longest write gap (s) | errors | READONLY "
					+ "| acknowledged writes | lost acknowledged writes |\n");
			md.append("|---|---|---|---|---|---|---|---|---|---|\n");
			this.failovers.forEach((row) -> md.append(row).append('\n'));
			md.append('\n');
		}
		if (!this.planned.isEmpty()) {
			md.append("`SENTINEL FAILOVER` by writer shape:\n\n");
			md.append("| writers | client | acknowledged writes | lost acknowledged writes | errors | READONLY "
					+ "| write pause (ms) |\n");
			md.append("|---|---|---|---|---|---|---|\n");
			this.planned.forEach((row) -> md.append(row).append('\n'));
			md.append('\n');
		}
		if (!this.reads.isEmpty()) {
			md.append("Replica reads (`replica-preferred`), the replica serving them killed:\n\n");
			md.append("| client | reads | read errors | slowest read (ms) | longest gap between reads (ms) |\n");
			md.append("|---|---|---|---|---|\n");
			this.reads.forEach((row) -> md.append(row).append('\n'));
			md.append('\n');
		}
		if (!this.steady.isEmpty()) {
			md.append("Steady state, ").append(SteadyState.THREADS).append(" threads alternating SET and GET:\n\n");
			md.append("| client | ops/s | vs plain Boot | p99 GET (ms) | p99 SET (ms) |\n");
			md.append("|---|---|---|---|---|\n");
			this.steady.forEach((row) -> md.append(row).append('\n'));
			md.append('\n');
		}
		this.tables.forEach((heading, rows) -> {
			md.append(heading);
			rows.forEach((row) -> md.append(row).append('\n'));
			md.append('\n');
		});
		this.sections.forEach(md::append);
		this.notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		return md.toString();
	}

	private static String scenarioName(String scenario) {
		return switch (scenario) {
			case "kill" -> "master SIGKILL";
			case "freeze" -> "master frozen, not resumed";
			case "freeze-resume" -> "master frozen 10 s, resumed";
			case "manual" -> "SENTINEL FAILOVER";
			case "service-kill" -> "one Service address, master SIGKILL";
			case "service-redeploy" -> "Sentinels redeployed behind the Service, then master SIGKILL";
			default -> scenario;
		};
	}

	static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
	}

	static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.0f", nanos / 1e6);
	}

	static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
