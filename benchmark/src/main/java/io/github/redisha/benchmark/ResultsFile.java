package io.github.redisha.benchmark;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * Where a run's report goes unless {@code --out} says otherwise:
 * {@code benchmark/results/<date>-<time>-<scenarios>.md}, so that every run is kept
 * beside the code it measured and docs/benchmarks.md shows only the latest.
 *
 * @author redis-ha
 */
final class ResultsFile {

	static final Path DIRECTORY = Path.of("benchmark", "results");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
		.withZone(ZoneOffset.UTC);

	private ResultsFile() {
	}

	/**
	 * The report file of a run.
	 * @param directory the results directory
	 * @param startedAt when the run started (its UTC minute names the file)
	 * @param scenarios the scenarios run, in order
	 * @param sentinelDefault the scenarios run when none are named
	 * @param cluster every cluster scenario
	 * @return {@code <directory>/<yyyy-MM-dd-HHmm>-<label>.md}
	 */
	static Path of(Path directory, Instant startedAt, Set<String> scenarios, Set<String> sentinelDefault,
			List<String> cluster) {
		return directory.resolve(STAMP.format(startedAt) + "-" + label(scenarios, sentinelDefault, cluster) + ".md");
	}

	private static String label(Set<String> scenarios, Set<String> sentinelDefault, List<String> cluster) {
		if (scenarios.equals(sentinelDefault)) {
			return "sentinel";
		}
		if (List.copyOf(scenarios).equals(cluster)) {
			return "cluster";
		}
		return String.join("+", scenarios);
	}

}
