package io.github.redisha.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.SentinelTopology;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with {@code spring.threads.virtual.enabled=true} on a JDK with virtual
 * threads, driven with concurrent requests (key/value writes and reads, health) through a
 * master kill on a real Sentinel topology. JFR records every
 * {@code jdk.VirtualThreadPinned} event (threshold 0); none may have a frame in redis-ha.
 * On JDK 21–23 {@code -Djdk.tracePinnedThreads=full} reports pinning too, and
 * {@code synchronized} pins there.
 */
@RedisSentinelTopology
class SampleAppVirtualThreadsIT {

	private static final Pattern STARTER_FRAME = Pattern.compile("io\\.github\\.redisha\\.(?!sample\\.)");

	private static final Pattern COUNT = Pattern.compile("jdk\\.VirtualThreadStart\\s+(\\d+)");

	@Test
	void noPinnedVirtualThreadInRedisHaThroughAFailover(SentinelTopology topology) throws Exception {
		VirtualThreadJdk jdk = VirtualThreadJdk.find();
		Path recording = Path.of("target", "sample-app-virtual-threads.jfr").toAbsolutePath();
		Files.deleteIfExists(recording);
		List<String> jvm = new ArrayList<>(List.of("-XX:StartFlightRecording:jdk.VirtualThreadPinned#enabled=true,"
				+ "jdk.VirtualThreadPinned#threshold=0ms,jdk.VirtualThreadStart#enabled=true,dumponexit=true,filename="
				+ recording, "-Dspring.threads.virtual.enabled=true"));
		if (jdk.pinsOnSynchronized()) {
			jvm.add("-Djdk.tracePinnedThreads=full");
		}
		String output;
		try (SampleAppProcess app = SampleAppProcess.start(jdk.home(), jvm, topology.environment(),
				"sample-app-virtual-threads")) {
			SampleAppClient client = app.client();
			assertThat(client.put("/kv/vt", "before").statusCode()).isEqualTo(200);
			String oldMaster = topology.master().address();
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger answered = new AtomicInteger();
			ExecutorService load = Executors.newFixedThreadPool(6);
			try {
				for (int i = 0; i < 6; i++) {
					int worker = i;
					load.submit(() -> drive(client, worker, running, answered));
				}
				topology.master().kill();
				Awaitility.await("a write through the new master and UP health after the kill")
					.atMost(Duration.ofSeconds(90))
					.pollInterval(Duration.ofMillis(250))
					.untilAsserted(() -> {
						assertThat(client.put("/kv/vt", "after").statusCode()).isEqualTo(200);
						assertThat(client.getJson("/kv/vt").get("value").asString()).isEqualTo("after");
						assertThat(client.getJson("/actuator/health")
							.at("/components/redis/details/master/address")
							.asString()).isNotEqualTo(oldMaster);
					});
			}
			finally {
				running.set(false);
				load.shutdown();
				load.awaitTermination(90, TimeUnit.SECONDS);
			}
			assertThat(answered.get()).as("requests answered during the run").isPositive();
			app.close();
			output = app.output();
		}
		finally {
			topology.restore(Duration.ofSeconds(60));
		}
		String virtualThreads = jfr(jdk, "summary", recording.toString());
		Matcher started = COUNT.matcher(virtualThreads);
		assertThat(started.find() && Long.parseLong(started.group(1)) > 0)
			.as("the recording saw virtual threads start (the app served on virtual threads):%n%s", virtualThreads)
			.isTrue();
		String pinned = jfr(jdk, "print", "--events", "jdk.VirtualThreadPinned", "--stack-depth", "128",
				recording.toString());
		// the sample app's own frames (io.github.redisha.sample) sit under every request;
		// the starter's must not pin
		assertThat(STARTER_FRAME.matcher(pinned).find())
			.as("jdk.VirtualThreadPinned events with a starter frame:%n%s", pinned)
			.isFalse();
		if (jdk.pinsOnSynchronized()) {
			assertThat(STARTER_FRAME.matcher(output).find()).as("jdk.tracePinnedThreads report:%n%s", output).isFalse();
		}
	}

	private static void drive(SampleAppClient client, int worker, AtomicBoolean running, AtomicInteger answered) {
		for (int n = 0; running.get(); n++) {
			try {
				HttpResponse<String> response = switch (n % 3) {
					case 0 -> client.put("/kv/vt-" + worker, "value-" + n);
					case 1 -> client.get("/kv/vt-" + worker);
					default -> client.get("/actuator/health");
				};
				if (response.statusCode() > 0) {
					answered.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				// errors while the master is down are expected; only pinning is under
				// test here
			}
		}
	}

	private static String jfr(VirtualThreadJdk jdk, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(jdk.home().resolve("bin/jfr").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jfr %s finished", arguments[0]).isTrue();
		assertThat(process.exitValue()).as("jfr %s: %s", arguments[0], output).isZero();
		return output;
	}

}
