package io.github.redisha.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.test.spring.RedisServiceConnections;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series {@code docs/prometheus-alerts.test.yml} feeds {@code promtool test rules}
 * for an application of each mode are the ones the sample app really exports in that
 * mode: the tests named {@code "<mode> application…"} use exactly the {@code redis_*}
 * metric names of a real {@code /actuator/prometheus} scrape, each with its real
 * {@code mode} label. So "no Sentinel alert for a standalone or cluster application" is
 * checked on what such an application exports.
 */
class AlertRuleSeriesIT {

	private static final Path ALERT_TESTS = Path.of(System.getProperty("redisha.repo-root", ".."))
		.resolve("docs/prometheus-alerts.test.yml");

	private static void assertFixtureMatchesScrape(String mode,
			ApplicationContextInitializer<ConfigurableApplicationContext> connection) throws IOException {
		String scrape;
		try (RunningSampleApp app = RunningSampleApp.start(connection)) {
			SampleAppClient client = app.client();
			// a cached read and a key/value write, so that every meter registered on
			// first use exists
			client.getJson("/products/1");
			assertThat(client.put("/kv/alert-series", "v").statusCode()).isEqualTo(200);
			scrape = client.scrape();
		}
		// kept for whoever updates the fixture to a new meter
		Path kept = Path.of("target", "alert-rule-series-" + mode + ".prom");
		Files.writeString(kept, scrape, StandardCharsets.UTF_8);
		Set<String> exported = PrometheusScrape.sampleNames(scrape)
			.stream()
			.filter((name) -> name.startsWith("redis_"))
			.collect(Collectors.toCollection(TreeSet::new));
		List<Map<String, Object>> tests = fixtureTests(mode);
		assertThat(tests).as("promtool tests named '%s application…'", mode).isNotEmpty();
		for (Map<String, Object> test : tests) {
			Set<String> fed = new TreeSet<>();
			for (String series : inputSeries(test)) {
				String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
				if (name.startsWith("redis_")) {
					fed.add(name);
				}
				if (series.contains("mode=")) {
					assertThat(series).as("mode label of %s in '%s'", name, test.get("name"))
						.contains("mode=\"" + mode + "\"");
				}
			}
			assertThat(fed)
				.as("redis_* series of promtool test '%s' vs the %s app's scrape (%s)", test.get("name"), mode, kept)
				.isEqualTo(exported);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> fixtureTests(String mode) throws IOException {
		Map<String, Object> fixture = new Yaml().load(Files.readString(ALERT_TESTS, StandardCharsets.UTF_8));
		return ((List<Map<String, Object>>) fixture.get("tests")).stream()
			.filter((test) -> String.valueOf(test.get("name")).startsWith(mode + " application"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> inputSeries(Map<String, Object> test) {
		return ((List<Map<String, Object>>) test.get("input_series")).stream()
			.map((series) -> String.valueOf(series.get("series")))
			.toList();
	}

	@Nested
	@RedisStandalone
	class Standalone {

		@Test
		void promtoolGetsTheSeriesOfAStandaloneApp(StandaloneRedis redis) throws IOException {
			assertFixtureMatchesScrape("standalone", RedisServiceConnections.initializer(redis));
		}

	}

	@Nested
	@RedisSentinelTopology(replicas = 1, sentinels = 1, quorum = 1)
	class Sentinel {

		@Test
		void promtoolGetsTheSeriesOfASentinelApp(SentinelTopology topology) throws IOException {
			assertFixtureMatchesScrape("sentinel", RedisServiceConnections.initializer(topology));
		}

	}

	@Nested
	@RedisClusterTopology
	class Cluster {

		@Test
		void promtoolGetsTheSeriesOfAClusterApp(ClusterTopology cluster) throws IOException {
			assertFixtureMatchesScrape("cluster", RedisServiceConnections.initializer(cluster));
		}

	}

}
