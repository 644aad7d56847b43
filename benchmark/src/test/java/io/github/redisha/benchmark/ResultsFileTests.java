package io.github.redisha.benchmark;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name a run's report gets in {@code benchmark/results/}.
 */
class ResultsFileTests {

	private static final Set<String> SENTINEL = new LinkedHashSet<>(List.of("kill", "freeze", "steady"));

	private static final List<String> CLUSTER = List.of("cluster-kill", "cluster-steady");

	private static final Instant AT = Instant.parse("2026-12-01T03:23:30.922Z");

	@Test
	void namesTheDefaultRunSentinel() {
		assertThat(ResultsFile.of(Path.of("results"), AT, SENTINEL, SENTINEL, CLUSTER))
			.isEqualTo(Path.of("results", "2026-12-01-0323-sentinel.md"));
	}

	@Test
	void namesEveryClusterScenarioCluster() {
		assertThat(ResultsFile.of(Path.of("results"), AT, new LinkedHashSet<>(CLUSTER), SENTINEL, CLUSTER))
			.isEqualTo(Path.of("results", "2026-12-01-0323-cluster.md"));
	}

	@Test
	void namesOtherSelectionsByTheirScenariosInOrder() {
		Set<String> named = new LinkedHashSet<>(List.of("cluster-steady", "long-run"));
		assertThat(ResultsFile.of(Path.of("results"), AT, named, SENTINEL, CLUSTER))
			.isEqualTo(Path.of("results", "2026-12-01-0323-cluster-steady+long-run.md"));
	}

}
