package io.github.redisha.sample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on the Redis Cluster, as a user runs {@code ./run-sample.sh cluster}: the
 * {@code cluster} profile of the repository's {@code docker-compose.yml} brings up 3
 * primaries + 3 replicas (7000-7005), forms the cluster and starts the sample app in
 * cluster mode. The test kills the container of the primary on 7000 while writing through
 * the app every 50 ms (keys over all slots) and checks that the app keeps answering:
 * every request gets an HTTP answer, the writes acknowledged after the kill can be read
 * back, writes and reads succeed once the replica took over, and health is UP. Compose
 * runs under its own project name and is always taken down.
 */
@Tag("docker")
class SampleAppClusterComposeIT {

	private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(90);

	private static final String PASSWORD = ComposeTraffic.env("REDIS_PASSWORD", "redis-dev-password");

	private static final int APP_PORT = Integer.parseInt(ComposeTraffic.env("APP_PORT", "8080"));

	private static final SampleAppClient app = new SampleAppClient(URI.create("http://127.0.0.1:" + APP_PORT));

	private static Compose compose;

	@BeforeAll
	static void up() {
		for (int port : new int[] { 7000, 7001, 7002, 7003, 7004, 7005, 17000, 17001, 17002, 17003, 17004, 17005,
				APP_PORT }) {
			assertThat(ComposeTraffic.listening(port))
				.as("port 127.0.0.1:%d must be free for the cluster profile of docker-compose.yml", port)
				.isFalse();
		}
		Path repo = Path.of(System.getProperty("redisha.repo-root", "..")).toAbsolutePath().normalize();
		compose = new Compose(repo.resolve("docker-compose.yml"), "redis-ha-e2e-cluster");
		compose.run(Duration.ofMinutes(5), "--profile", "cluster", "up", "-d", "--build", "sample-app-cluster");
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
			System.out.println(compose.run(Duration.ofMinutes(1), "--profile", "cluster", "ps", "-a"));
			System.out.println(compose.run(Duration.ofMinutes(1), "--profile", "cluster", "logs", "--tail=60",
					"sample-app-cluster"));
		}
		finally {
			compose.run(Duration.ofMinutes(3), "--profile", "cluster", "down", "-v", "--remove-orphans");
		}
	}

	@Test
	void appServesThroughTheClusterAndSurvivesAPrimaryKill() throws Exception {
		assertThat(app.put("/kv/greeting", "before the failover").statusCode()).isEqualTo(200);
		assertThat(app.getJson("/kv/greeting").get("value").asString()).isEqualTo("before the failover");
		assertThat(app.getJson("/actuator/health").at("/components/redis/status").asString()).isEqualTo("UP");
		// redis-cli --cluster create made 7000 a primary; its replica is the node whose
		// master field names it
		String[] primary = node(7001, (fields) -> fields[1].startsWith("127.0.0.1:7000@"));
		assertThat(primary[2]).as("flags of 7000").contains("master");
		String replicaAddress = node(7001, (fields) -> fields[3].equals(primary[0]))[1];

		AtomicBoolean failedOver = new AtomicBoolean();
		CompletableFuture<List<Integer>> reads = CompletableFuture
			.supplyAsync(() -> ComposeTraffic.keepAsking(app, "/kv/greeting", failedOver));
		CompletableFuture<List<ComposeTraffic.Write>> writes = CompletableFuture
			.supplyAsync(() -> ComposeTraffic.keepWriting(app, "cluster", failedOver));
		long killed;
		try {
			Compose.exec(List.of("docker", "kill", compose.containerId("redis-cluster-0")), Duration.ofSeconds(30));
			killed = System.nanoTime();
			await("the replica of 7000 (" + replicaAddress + ") to be promoted").atMost(FAILOVER_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> {
					String[] replica = node(7001, (fields) -> fields[1].equals(replicaAddress));
					// a primary lists its slot ranges after the 8 fixed fields
					return replica[2].contains("master") && replica.length > 8;
				});
			await("a write through the app after the failover").atMost(FAILOVER_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> app.put("/kv/greeting", "after the failover").statusCode() == 200);
		}
		finally {
			failedOver.set(true);
		}
		List<ComposeTraffic.Write> written = writes.get();
		assertThat(written).as("writes sent after the kill").anyMatch((write) -> write.sentAt() > killed);
		// the app keeps answering: every request gets an HTTP answer. Not yet 0 errors:
		// a write whose slot's primary is dead and that needs a new connection to it
		// fails at once with "Connection refused" until the replica is promoted (seen in
		// CI; issue 8 keeps this open)
		List<ComposeTraffic.Write> failed = written.stream().filter(ComposeTraffic.Write::failed).toList();
		System.out.println("writes during the failover: " + written.size() + ", not answered 2xx: " + failed.size());
		assertThat(written).as("writes (PUT /kv/...) that got no HTTP answer")
			.noneMatch((write) -> write.status() == -1);
		assertThat(written).as("writes after the promotion")
			.last()
			.satisfies((write) -> assertThat(write.failed()).isFalse());
		for (ComposeTraffic.Write write : written.stream()
			.filter((candidate) -> candidate.sentAt() > killed && !candidate.failed())
			.toList()) {
			assertThat(app.getJson("/kv/" + write.key()).get("value").asString()).as(write.key())
				.isEqualTo(write.value());
		}
		List<Integer> readStatuses = reads.get();
		System.out.println("reads during the failover: " + readStatuses);
		assertThat(readStatuses).as("statuses of GET /kv/greeting during the failover (-1: no answer)")
			.isNotEmpty()
			.doesNotContain(-1)
			.last()
			.isEqualTo(200);
		await("health to be UP after the failover").atMost(FAILOVER_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> "UP".equals(app.getJson("/actuator/health").at("/components/redis/status").asString()));
	}

	/**
	 * The fields of the first {@code CLUSTER NODES} line (as the node on {@code port}
	 * sees the cluster) that {@code match} accepts: id, address, flags, master id, ...
	 */
	private static String[] node(int port, Predicate<String[]> match) {
		return clusterNodes(port).lines()
			.map((line) -> line.split(" "))
			.filter(match)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no such node in CLUSTER NODES of " + port));
	}

	/** {@code CLUSTER NODES} as the node on {@code port} sees the cluster. */
	private static String clusterNodes(int port) {
		RedisClient client = RedisClient.create();
		try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(port)
			.withPassword(PASSWORD.toCharArray())
			.withTimeout(Duration.ofSeconds(2))
			.build())) {
			return connection.sync().clusterNodes();
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
