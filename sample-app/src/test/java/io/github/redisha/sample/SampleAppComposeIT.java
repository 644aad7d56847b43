package io.github.redisha.sample;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, as a user runs it: the repository's {@code docker-compose.yml} brings up 1
 * master + 2 replicas + 3 Sentinels and the sample app (built from
 * {@code sample-app/Dockerfile}); the test drives the app over HTTP, kills the master
 * container while writing through the app every 50 ms, and checks that every write during
 * the failover is answered 2xx (the promoted master refuses writes with
 * {@code NOREPLICAS} until a replica has attached to it, since the data nodes run with
 * {@code min-replicas-to-write 1}: the starter holds and re-sends those), that the writes
 * can be read back, that the app keeps answering reads and that health is UP. Compose
 * runs under its own project name and is always taken down.
 *
 * <p>
 * Images follow the environment like for users: official ones by default; CI sets
 * {@code REDIS_IMAGE} and {@code APP_JRE_IMAGE} to its locally built images. Ports
 * 6379-6381, 26379-26381 and 8080 must be free.
 */
@Tag("docker")
class SampleAppComposeIT {

	private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(90);

	private static final String MASTER_NAME = ComposeTraffic.env("REDIS_MASTER_NAME", "mymaster");

	private static final String SENTINEL_PASSWORD = ComposeTraffic.env("REDIS_SENTINEL_PASSWORD",
			"sentinel-dev-password");

	private static final int APP_PORT = Integer.parseInt(ComposeTraffic.env("APP_PORT", "8080"));

	private static Compose compose;

	private static final SampleAppClient app = new SampleAppClient(URI.create("http://127.0.0.1:" + APP_PORT));

	@BeforeAll
	static void up() {
		for (int port : new int[] { 6379, 6380, 6381, 26379, 26380, 26381, APP_PORT }) {
			assertThat(ComposeTraffic.listening(port)).as("port 127.0.0.1:%d must be free for docker-compose.yml", port)
				.isFalse();
		}
		Path repo = Path.of(System.getProperty("redisha.repo-root", "..")).toAbsolutePath().normalize();
		compose = new Compose(repo.resolve("docker-compose.yml"), "redis-ha-e2e");
		compose.run(Duration.ofMinutes(5), "up", "-d", "--build");
		await("the sample app's /actuator/health to be UP").atMost(UP_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> "UP".equals(app.getJson("/actuator/health").get("status").asString()));
	}

	@AfterAll
	static void down() {
		if (compose == null) {
			return;
		}
		try {
			System.out.println(compose.run(Duration.ofMinutes(1), "ps"));
			System.out.println(compose.run(Duration.ofMinutes(1), "logs", "--tail=40", "sample-app"));
		}
		finally {
			compose.run(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
		}
	}

	@Test
	void appServesThroughTheComposeTopologyAndSurvivesAMasterKill() throws Exception {
		// drive the app like curl would
		assertThat(app.put("/kv/greeting", "before the failover").statusCode()).isEqualTo(200);
		assertThat(app.getJson("/kv/greeting").get("value").asString()).isEqualTo("before the failover");
		JsonNode product = app.getJson("/products/1");
		assertThat(app.getJson("/products/1")).isEqualTo(product);
		assertThat(sentinelMaster()).isEqualTo("127.0.0.1:6379");
		JsonNode health = app.getJson("/actuator/health");
		assertThat(health.at("/components/redis/status").asString()).isEqualTo("UP");

		// kill the master container; keep reading and writing through the app while
		// Sentinel fails over
		AtomicBoolean failedOver = new AtomicBoolean();
		CompletableFuture<List<Integer>> statuses = CompletableFuture
			.supplyAsync(() -> ComposeTraffic.keepAsking(app, "/products/1", failedOver));
		CompletableFuture<List<ComposeTraffic.Write>> writes = CompletableFuture
			.supplyAsync(() -> ComposeTraffic.keepWriting(app, "failover", failedOver));
		String newMaster;
		long killed;
		try {
			Compose.exec(List.of("docker", "kill", compose.containerId("redis-master")), Duration.ofSeconds(30));
			killed = System.nanoTime();
			newMaster = await("the Sentinels to promote a replica").atMost(FAILOVER_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(SampleAppComposeIT::sentinelMaster, (address) -> !address.equals("127.0.0.1:6379"));
			assertThat(newMaster).isIn("127.0.0.1:6380", "127.0.0.1:6381");

			// writes reach the new master (it needs one replica attached:
			// min-replicas-to-write 1)
			await("a write through the app after the failover").atMost(FAILOVER_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> app.put("/kv/greeting", "after the failover").statusCode() == 200);
			await("the written value to be read back (reads may go to a replica)").atMost(FAILOVER_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> "after the failover".equals(app.getJson("/kv/greeting").get("value").asString()));
		}
		finally {
			failedOver.set(true);
		}
		// no write made during the failover failed, and each one sent after the kill is
		// there to be read (one the
		// old master acknowledged in its last instant may not have reached a replica:
		// asynchronous replication)
		List<ComposeTraffic.Write> written = writes.get();
		// one write at a time, each held while there is no master: how many there are
		// depends on the machine, but some were sent while the master was dead
		assertThat(written).as("writes sent after the kill").anyMatch((write) -> write.sentAt() > killed);
		assertThat(written.stream().filter((write) -> write.failed()).toList())
			.as("writes (PUT /kv/...) during the failover answered other than 2xx (-1: no answer)")
			.isEmpty();
		for (ComposeTraffic.Write write : written.stream()
			.filter((candidate) -> candidate.sentAt() > killed)
			.toList()) {
			await("write " + write.key() + " to be read back").atMost(FAILOVER_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(app.getJson("/kv/" + write.key()).get("value").asString())
					.isEqualTo(write.value()));
		}

		// every request made during the failover got an answer (the client waits up to 60
		// s per request)
		List<Integer> answers = statuses.get();
		assertThat(answers).isNotEmpty().doesNotContain(-1).last().isEqualTo(200);
		assertThat(answers).as("statuses of GET /products/1 during the failover").containsOnly(200);
		assertThat(app.getJson("/products/1")).isEqualTo(product);

		await("health to be UP after the failover").atMost(FAILOVER_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> assertHealthAfterFailover(app.getJson("/actuator/health"), newMaster));
	}

	private static void assertHealthAfterFailover(JsonNode health, String newMaster) {
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode redis = health.at("/components/redis");
		assertThat(redis.get("status").asString()).isEqualTo("UP");
		assertThat(textValues(redis.get("details"))).as("redis health details name the new master").contains(newMaster);
	}

	/** Every text value in a JSON tree. */
	static List<String> textValues(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node == null) {
			return values;
		}
		if (node.isString()) {
			values.add(node.asString());
		}
		for (JsonNode child : node.values()) {
			values.addAll(textValues(child));
		}
		return values;
	}

	/** What Sentinel 26379 reports as the master, as {@code host:port}. */
	private static String sentinelMaster() {
		RedisClient client = RedisClient.create();
		try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(26379)
			.withPassword(SENTINEL_PASSWORD.toCharArray())
			.withTimeout(Duration.ofSeconds(2))
			.build())) {
			SocketAddress address = connection.sync().getMasterAddrByName(MASTER_NAME);
			InetSocketAddress inet = (InetSocketAddress) address;
			return inet.getHostString() + ":" + inet.getPort();
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
