package io.github.redisha.sample;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.redisha.devservices.DevTopologyConfiguration;
import io.github.redisha.devservices.TestSampleApplication;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./mvnw -pl sample-app spring-boot:test-run} starts
 * ({@link TestSampleApplication}), without Maven: the app on a topology of its own that
 * serves it and goes away with it.
 */
class DevServicesIT {

	@Test
	void appRunsOnItsOwnTopologyAndStopsItWhenClosed() {
		SentinelTopology topology;
		List<RedisNode> nodes = new ArrayList<>();
		try (ConfigurableApplicationContext context = SpringApplication.from(SampleApplication::main)
			.with(DevTopologyConfiguration.class)
			.run("--server.port=0", "--server.address=127.0.0.1")
			.getApplicationContext()) {
			topology = context.getBean(SentinelTopology.class);
			Stream.concat(topology.dataNodes().stream(), topology.sentinels().stream()).forEach(nodes::add);
			assertThat(context.getEnvironment().getProperty("redis.sentinels")).isEqualTo(topology.sentinelAddresses());

			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SampleAppClient client = new SampleAppClient(URI.create("http://127.0.0.1:" + port));
			assertThat(client.put("/kv/dev", "served by the dev topology").statusCode()).isEqualTo(200);
			assertThat(client.getJson("/kv/dev").get("value").asString()).isEqualTo("served by the dev topology");
			JsonNode health = client.getJson("/actuator/health");
			assertThat(health.get("status").asString()).isEqualTo("UP");
			assertThat(health.at("/components/redis/status").asString()).isEqualTo("UP");
			assertThat(nodes).allSatisfy((node) -> assertThat(node.isRunning()).isTrue());
		}
		assertThat(nodes).hasSize(6).allSatisfy((node) -> assertThat(node.isRunning()).as(node.name()).isFalse());
	}

}
