package io.github.redisha.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The long run as Markdown: per application the totals and its resources before the first
 * failover, after the first and after the last; the totals per kind of fault; and one row
 * per failover and application.
 *
 * @author redis-ha
 */
final class LongRunReport {

	private final List<Row> rows = new ArrayList<>();

	private final Map<String, List<Long>> finalLost = new LinkedHashMap<>();

	void add(Row row) {
		this.rows.add(row);
	}

	/**
	 * Acknowledged writes missing on the final master.
	 * @param client the application
	 * @param lost how many, per round (index 0: the warm-up before the first failover)
	 */
	void finalLost(String client, List<Long> lost) {
		this.finalLost.put(client, lost);
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		int last = this.rows.stream().mapToInt(Row::failover).max().orElse(0);
		md.append("Long run: ")
			.append(last)
			.append(" failovers in a row (master SIGKILL then restarted, frozen until the failover then resumed, "
					+ "`SENTINEL FAILOVER`, in turn), ")
			.append(LongRunClient.WRITERS)
			.append(" writers on a pool of ")
			.append(LongRunClient.WRITERS)
			.append(" per application. Resources measured with the writers stopped, the topology healthy: "
					+ "before the first failover / after the first / after the last.\n\n");
		md.append("| client | acknowledged writes | errors | READONLY | lost (checked after each failover) "
				+ "| lost (all, on the final master) | threads | connections per data node | "
				+ "failover-engine connections (data nodes + Sentinels) | heap after GC, whole JVM (MiB) | "
				+ "JVM threads |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (String client : clients()) {
			List<Row> failovers = rows(client).stream().filter((row) -> row.failover() > 0).toList();
			Row before = at(client, 0);
			Row first = at(client, 1);
			Row end = at(client, last);
			md.append(String
				.join(" | ", "", client, sum(failovers, Row::acknowledged), sum(failovers, Row::errors),
						sum(failovers, Row::readOnly), sum(failovers, (row) -> row.lost()), finalLost(rows(client)),
						trend(before, first, end, Row::threads), trend(before, first, end, Row::connections),
						trend(before, first, end, Row::engineConnections),
						trend(before, first, end, (row) -> mebibytes(row.heapBytes())),
						trend(before, first, end, Row::jvmThreads), "")
				.trim()).append('\n');
		}
		md.append(
				"\nBy fault:\n\n| fault | client | failovers | acknowledged writes | errors | READONLY | lost (after each) "
						+ "| lost (on the final master) |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		for (String fault : faults()) {
			for (String client : clients()) {
				List<Row> of = rows(client).stream().filter((row) -> row.fault().equals(fault)).toList();
				md.append(String.join(" | ", "", fault, client, Integer.toString(of.size()), sum(of, Row::acknowledged),
						sum(of, Row::errors), sum(of, Row::readOnly), sum(of, (row) -> row.lost()), finalLost(of), "")
					.trim()).append('\n');
			}
		}
		md.append(
				"\nEach failover:\n\n| # | fault | client | acknowledged writes | errors | READONLY | lost (after it) "
						+ "| lost (on the final master) | threads | connections per data node | failover-engine connections | heap after GC (MiB) | JVM threads |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Row row : this.rows) {
			md.append(String
				.join(" | ", "", Integer.toString(row.failover()), row.fault(), row.client(),
						Integer.toString(row.acknowledged()), Integer.toString(row.errors()),
						Integer.toString(row.readOnly()), Long.toString(row.lost()), finalLost(List.of(row)),
						Integer.toString(row.threads()), row.connections(), row.engineConnections(),
						mebibytes(row.heapBytes()), Integer.toString(row.jvmThreads()), "")
				.trim()).append('\n');
		}
		return md.append('\n').toString();
	}

	private String finalLost(List<Row> rows) {
		long sum = 0;
		for (Row row : rows) {
			List<Long> lost = this.finalLost.get(row.client());
			if (lost == null || row.failover() >= lost.size()) {
				return "–";
			}
			sum += lost.get(row.failover());
		}
		return Long.toString(sum);
	}

	private Set<String> clients() {
		Set<String> clients = new LinkedHashSet<>();
		this.rows.forEach((row) -> clients.add(row.client()));
		return clients;
	}

	private Set<String> faults() {
		Set<String> faults = new LinkedHashSet<>();
		this.rows.stream().filter((row) -> row.failover() > 0).forEach((row) -> faults.add(row.fault()));
		return faults;
	}

	private List<Row> rows(String client) {
		return this.rows.stream().filter((row) -> row.client().equals(client)).toList();
	}

	private Row at(String client, int failover) {
		return rows(client).stream().filter((row) -> row.failover() == failover).findFirst().orElse(null);
	}

	private static String sum(List<Row> rows, java.util.function.ToLongFunction<Row> value) {
		return Long.toString(rows.stream().mapToLong(value).sum());
	}

	private static String trend(Row before, Row first, Row last, java.util.function.Function<Row, Object> value) {
		List<String> values = new ArrayList<>();
		for (Row row : new Row[] { before, first, last }) {
			values.add((row != null) ? String.valueOf(value.apply(row)) : "–");
		}
		return String.join(" → ", values);
	}

	private static String mebibytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
	}

	/**
	 * One application after one failover (0: before the first).
	 *
	 * @param failover its number
	 * @param fault what was done to the master
	 * @param client the application
	 * @param acknowledged writes acknowledged during the round
	 * @param errors writes that failed
	 * @param readOnly of which {@code READONLY}
	 * @param lost acknowledged writes of the round missing on the master after it
	 * @param threads the application's live threads
	 * @param connections its connections per data node
	 * @param engineConnections redis-ha's failover engine's connections, on the data
	 * nodes and on the Sentinels ("–" for plain Boot)
	 * @param heapBytes heap used after a full GC, whole JVM
	 * @param jvmThreads live threads, whole JVM
	 */
	record Row(int failover, String fault, String client, int acknowledged, int errors, int readOnly, long lost,
			int threads, String connections, String engineConnections, long heapBytes, int jvmThreads) {

	}

}
