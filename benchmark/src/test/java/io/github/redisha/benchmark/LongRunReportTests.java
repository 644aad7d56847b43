package io.github.redisha.benchmark;

import java.util.List;

import io.github.redisha.benchmark.LongRunReport.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long run's table, on made-up rounds (the run itself needs real processes and runs
 * by hand only).
 */
class LongRunReportTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void summarizesTotalsAndResourcesBeforeFirstAndLast() {
		LongRunReport report = new LongRunReport();
		report.add(
				new Row(0, "none (warm-up)", "redis-ha", 100, 0, 0, 0, 9, "16 / 0 / 0", "1 / 0 / 0 + 6", 20 * MIB, 29));
		report.add(new Row(1, "kill", "redis-ha", 1000, 2, 1, 3, 13, "0 / 16 / 0", "0 / 1 / 1 + 6", 21 * MIB, 37));
		report.add(new Row(2, "planned", "redis-ha", 2000, 5, 0, 4, 13, "16 / 0 / 0", "1 / 0 / 1 + 6", 22 * MIB, 38));
		report.finalLost("redis-ha", List.of(0L, 1L, 4L));
		String markdown = report.markdown();
		assertThat(markdown).startsWith("Long run: 2 failovers in a row")
			.contains("| redis-ha | 3000 | 7 | 1 | 7 | 5 | 9 → 13 → 13 | 16 / 0 / 0 → 0 / 16 / 0 → 16 / 0 / 0 "
					+ "| 1 / 0 / 0 + 6 → 0 / 1 / 1 + 6 → 1 / 0 / 1 + 6 | 20.0 → 21.0 → 22.0 | 29 → 37 → 38 |")
			.contains("| kill | redis-ha | 1 | 1000 | 2 | 1 | 3 | 1 |")
			.contains("| planned | redis-ha | 1 | 2000 | 5 | 0 | 4 | 4 |")
			.contains("| 2 | planned | redis-ha | 2000 | 5 | 0 | 4 | 4 | 13 |");
	}

	@Test
	void showsADashWhereTheFinalCheckDidNotRun() {
		LongRunReport report = new LongRunReport();
		report.add(new Row(1, "kill", "plain Boot", 10, 0, 0, 0, 4, "16 / 0 / 0", "–", MIB, 20));
		assertThat(report.markdown()).contains("| plain Boot | 10 | 0 | 0 | 0 | – | – → 4 → 4 |");
	}

}
