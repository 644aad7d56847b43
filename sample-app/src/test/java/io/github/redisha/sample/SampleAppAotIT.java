package io.github.redisha.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's jar run in Spring AOT mode ({@code -Dspring.aot.enabled=true}: the
 * bean definitions and hints {@code process-aot} generated at build time, no classpath
 * scanning or condition evaluation at startup) against a real 1 master + 2 replicas + 3
 * Sentinels topology, configured with {@code REDIS_URL}. What a native image runs, on a
 * JVM.
 */
@RedisSentinelTopology(password = "aot-data-secret", sentinelPassword = "aot-sentinel-secret")
class SampleAppAotIT {

	private static SampleAppProcess app;

	@BeforeAll
	static void start(SentinelTopology topology) {
		// REDIS_URL: its environment post-processor must also run from the AOT-generated
		// list
		String url = "redis-sentinel://:" + topology.password() + "@" + topology.sentinelAddresses() + "#"
				+ topology.masterName();
		app = SampleAppProcess.start(Path.of(System.getProperty("java.home")), List.of("-Dspring.aot.enabled=true"),
				Map.of("REDIS_URL", url, "REDIS_SENTINEL_PASSWORD", topology.sentinelPassword()), "sample-app-aot");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void startsFromTheAotGeneratedInitializer() {
		assertThat(app.output()).contains("Starting AOT-processed SampleApplication")
			.contains("redis-ha: from REDIS_URL redis-sentinel://****@")
			.contains("Sentinel mode, master name 'mymaster'")
			.doesNotContain("aot-data-secret")
			.doesNotContain("aot-sentinel-secret");
	}

	@Test
	void writesToTheMasterAndReadsBack() {
		HttpResponse<String> put = app.client().put("/kv/aot", "written in AOT mode");
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(app.client().getJson("/kv/aot").get("value").asString()).isEqualTo("written in AOT mode");
	}

	@Test
	void reportsSentinelHealth() {
		JsonNode health = app.client().getJson("/actuator/health");
		assertThat(health.at("/components/redis/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/redis/details/mode").asString()).isEqualTo("sentinel");
		assertThat(health.at("/components/redis/details/master/role").asString()).isEqualTo("master");
	}

}
