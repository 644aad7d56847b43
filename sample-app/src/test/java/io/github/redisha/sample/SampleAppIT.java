package io.github.redisha.sample;

import java.net.URI;
import java.net.http.HttpResponse;

import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on a real 1 master + 2 replicas + 3 Sentinels topology (local
 * processes), wired to it by the test kit's service connection: a plain
 * {@code @SpringBootTest}, the way a user tests an app built on the starter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@RedisSentinelTopology
@RedisServiceConnection
class SampleAppIT {

	@LocalServerPort
	private int port;

	private SampleAppClient client;

	@BeforeEach
	void client() {
		this.client = new SampleAppClient(URI.create("http://127.0.0.1:" + this.port));
	}

	@Test
	void productsAreLookedUpOnceAndThenServedFromTheRedisCache() {
		SampleAppClient client = this.client;
		double before = lookups(client);
		JsonNode first = client.getJson("/products/42");
		assertThat(first.get("id").asLong()).isEqualTo(42);
		assertThat(first.get("name").asString()).isEqualTo("Product 42");
		JsonNode second = client.getJson("/products/42");
		assertThat(second).isEqualTo(first);
		assertThat(lookups(client) - before).as("slow lookups for two requests of one product").isEqualTo(1.0);
		String scrape = client.scrape();
		assertThat(PrometheusScrape.value(scrape, "cache_gets_total", "result=\"hit\"")).isGreaterThanOrEqualTo(1.0);
	}

	@Test
	void unknownProductIsNotFound() {
		assertThat(this.client.get("/products/0").statusCode()).isEqualTo(404);
	}

	@Test
	void keyValuesAreWrittenToTheMasterAndReadBack(SentinelTopology topology) {
		SampleAppClient client = this.client;
		HttpResponse<String> put = client.put("/kv/greeting", "hello sentinel");
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(SampleAppClient.parse(put.body()).get("value").asString()).isEqualTo("hello sentinel");
		JsonNode read = client.getJson("/kv/greeting");
		assertThat(read.get("key").asString()).isEqualTo("greeting");
		assertThat(read.get("value").asString()).isEqualTo("hello sentinel");
		assertThat(client.get("/kv/never-written").statusCode()).isEqualTo(404);
	}

	@Test
	void healthIsUpWithRedisAndLivenessDoesNotDependOnRedis() {
		JsonNode health = this.client.getJson("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/redis/status").asString()).isEqualTo("UP");
		JsonNode liveness = this.client.getJson("/actuator/health/liveness");
		assertThat(liveness.get("status").asString()).isEqualTo("UP");
		assertThat(liveness.has("components")).as("liveness has no Redis component").isFalse();
	}

	@Test
	void prometheusEndpointExportsTheAppsMeters() {
		this.client.getJson("/products/7");
		assertThat(PrometheusScrape.sampleNames(this.client.scrape())).contains("sample_product_lookups_total",
				"cache_gets_total", "http_server_requests_seconds_count", "jvm_info");
	}

	private static double lookups(SampleAppClient client) {
		return PrometheusScrape.value(client.scrape(), "sample_product_lookups_total", "application=");
	}

}
