package io.github.redisha.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docs/grafana-dashboard.json} and {@code docs/prometheus-alerts.yml} only use
 * meters the app really exports: every metric name their queries select must appear in a
 * real {@code /actuator/prometheus} scrape of the sample app, taken after the app served
 * cached and key/value requests and went through a failover (meters registered on their
 * first event exist by then).
 */
@RedisSentinelTopology
class DashboardMetersIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Path DOCS = Path.of(System.getProperty("redisha.repo-root", "..")).resolve("docs");

	private static RunningSampleApp app;

	private static Set<String> scraped;

	@BeforeAll
	static void exerciseTheAppAndScrape(SentinelTopology topology) {
		app = RunningSampleApp.start(topology);
		SampleAppClient client = app.client();
		client.getJson("/products/1");
		client.getJson("/products/1");
		assertThat(client.put("/kv/k", "v").statusCode()).isEqualTo(200);
		client.getJson("/kv/k");
		assertThat(client.get("/kv/missing").statusCode()).isEqualTo(404);

		RedisNode master = topology.master();
		master.kill();
		topology.awaitFailover(master, TIMEOUT);
		await("a write through the app after the failover").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> client.put("/kv/k", "after").statusCode() == 200);
		client.getJson("/products/2");
		scraped = PrometheusScrape.sampleNames(client.scrape());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void dashboardIsValidGrafanaJson() throws IOException {
		JsonNode dashboard = SampleAppClient.parse(read("grafana-dashboard.json"));
		assertThat(dashboard.get("title").asString()).isEqualTo("redis-ha");
		assertThat(dashboard.get("uid").asString()).isNotBlank();
		assertThat(dashboard.get("schemaVersion").asInt()).isPositive();
		List<JsonNode> panels = panels(dashboard);
		assertThat(panels).isNotEmpty();
		Set<Integer> ids = new TreeSet<>();
		for (JsonNode panel : panels) {
			assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
			assertThat(panel.get("gridPos").get("w").asInt()).isBetween(1, 24);
			if (!"row".equals(panel.get("type").asString())) {
				assertThat(panel.get("title").asString()).isNotBlank();
				assertThat(panel.get("targets")).as("targets of " + panel.get("title")).isNotEmpty();
				panel.get("targets").forEach((target) -> assertThat(target.get("expr").asString()).isNotBlank());
			}
		}
	}

	@Test
	void everyMeterTheDashboardQueriesIsExported() throws IOException {
		Map<String, Set<String>> used = new TreeMap<>();
		JsonNode dashboard = SampleAppClient.parse(read("grafana-dashboard.json"));
		for (JsonNode panel : panels(dashboard)) {
			if (panel.has("targets")) {
				panel.get("targets")
					.forEach((target) -> record(used, "panel '" + panel.get("title").asString() + "'",
							target.get("expr").asString()));
			}
		}
		dashboard.at("/annotations/list").forEach((annotation) -> {
			if (annotation.has("expr")) {
				record(used, "annotation '" + annotation.get("name").asString() + "'",
						annotation.get("expr").asString());
			}
		});
		dashboard.at("/templating/list").forEach((variable) -> {
			if (variable.has("definition")) {
				PromQl.variableMetricNames(variable.get("definition").asString())
					.forEach((name) -> used.computeIfAbsent(name, (key) -> new TreeSet<>())
						.add("variable '" + variable.get("name").asString() + "'"));
			}
		});
		assertExported(used);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyMeterTheAlertRulesQueryIsExported() throws IOException {
		Map<String, Object> rules = new Yaml().load(read("prometheus-alerts.yml"));
		Map<String, Set<String>> used = new TreeMap<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
				assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
				record(used, "alert " + rule.get("alert"), String.valueOf(rule.get("expr")));
			}
		}
		assertThat(used).isNotEmpty();
		assertExported(used);
	}

	private static void assertExported(Map<String, Set<String>> used) {
		Map<String, Set<String>> missing = new TreeMap<>();
		used.forEach((name, where) -> {
			if (!scraped.contains(name)) {
				missing.put(name, where);
			}
		});
		assertThat(missing)
			.as("meters queried but not in the app's /actuator/prometheus scrape (%s names scraped)", scraped.size())
			.isEmpty();
	}

	private static void record(Map<String, Set<String>> used, String where, String expression) {
		for (String name : PromQl.metricNames(expression)) {
			used.computeIfAbsent(name, (key) -> new TreeSet<>()).add(where);
		}
	}

	/** All panels, including those nested in collapsed rows. */
	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> all = new ArrayList<>();
		dashboard.get("panels").forEach((panel) -> {
			all.add(panel);
			if (panel.has("panels")) {
				panel.get("panels").forEach(all::add);
			}
		});
		return all;
	}

	private static String read(String file) throws IOException {
		return Files.readString(DOCS.resolve(file), StandardCharsets.UTF_8);
	}

}
