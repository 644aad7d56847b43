package io.github.redisha.test.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.StandaloneRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CleanupIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void closeEndsEveryProcessIncludingFrozenOnesAndDeletesTheDirectories() {
		ManagedSentinelTopology topology = (ManagedSentinelTopology) RedisTopologies.sentinel().start();
		Path root = NativeInternals.rootDirectory(topology);
		assertThat(root).isDirectory();
		assertThat(root.resolve("node-0/redis.conf")).isRegularFile();
		assertThat(root.resolve("sentinel-0/sentinel.conf")).isRegularFile();
		topology.dataNodes().get(1).freeze();
		topology.sentinels().get(2).freeze();
		topology.sentinels().get(1).kill();
		topology.sentinels().get(1).start(); // a second process for the same node
		List<Long> pids = new ArrayList<>();
		NativeInternals.processes(topology).forEach((p) -> pids.add(p.pid()));
		assertThat(pids).hasSize(6);
		assertThat(pids.stream().filter(CleanupIT::isAlive)).hasSize(6);

		topology.close();

		assertThat(pids).noneMatch(CleanupIT::isAlive);
		assertThat(root).doesNotExist();
		topology.close(); // idempotent
		assertThat(topology.dataNodes()).noneMatch(RedisNode::isRunning);
		assertThatThrownBy(() -> topology.dataNodes().get(0).start()).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(topology::master).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void closeOfAClusterEndsEveryNodeIncludingFrozenOnesAndDeletesTheDirectories() {
		ManagedClusterTopology cluster = (ManagedClusterTopology) RedisTopologies.cluster().start();
		Path root = NativeInternals.rootDirectory(cluster);
		assertThat(root.resolve("node-0/redis.conf")).isRegularFile();
		assertThat(root.resolve("node-0/nodes.conf")).as("the cluster config the node keeps").isRegularFile();
		List<RedisNode> nodes = cluster.nodes();
		nodes.get(4).freeze();
		nodes.get(5).kill();
		nodes.get(5).start(); // a second process for the same node
		List<Long> pids = new ArrayList<>();
		NativeInternals.processes(cluster).forEach((p) -> pids.add(p.pid()));
		assertThat(pids).hasSize(6);
		assertThat(pids.stream().filter(CleanupIT::isAlive)).hasSize(6);

		cluster.close();

		assertThat(pids).noneMatch(CleanupIT::isAlive);
		assertThat(root).doesNotExist();
		cluster.close(); // idempotent
		assertThat(nodes).noneMatch(RedisNode::isRunning);
		assertThatThrownBy(() -> nodes.get(0).start()).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(cluster::primaries).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void closeOfAStandaloneEndsItAndDeletesItsDirectory() {
		ManagedStandaloneRedis redis = (ManagedStandaloneRedis) RedisTopologies.standalone().start();
		long pid = redis.node().pid().orElseThrow();
		Path root = NativeInternals.rootDirectory(redis);
		redis.node().freeze();
		redis.close();
		assertThat(isAlive(pid)).isFalse();
		assertThat(root).doesNotExist();
		redis.close();
	}

	@Test
	@ResourceLock(Resources.SYSTEM_PROPERTIES)
	void missingServerBinaryIsReportedClearly() {
		withProperty(Binaries.SERVER_PROPERTY, "/nonexistent/redis-server", () -> {
			assertThatThrownBy(() -> RedisTopologies.standalone().start()).isInstanceOf(RedisTopologyException.class)
				.hasMessageContaining("'redis-server' not found")
				.hasMessageContaining("/nonexistent/redis-server")
				.hasMessageContaining("apt-get install -y redis-server redis-sentinel");
			assertThatThrownBy(() -> RedisTopologies.sentinel().start()).isInstanceOf(RedisTopologyException.class)
				.hasMessageContaining("'redis-server' not found")
				.hasMessageContaining("apt-get install -y redis-server redis-sentinel");
		});
	}

	@Test
	@ResourceLock(Resources.SYSTEM_PROPERTIES)
	void missingSentinelBinaryIsReportedClearly() {
		withProperty(Binaries.SENTINEL_PROPERTY, "/nonexistent/redis-sentinel",
				() -> assertThatThrownBy(() -> RedisTopologies.sentinel().start())
					.isInstanceOf(RedisTopologyException.class)
					.hasMessageContaining("'redis-sentinel' not found")
					.hasMessageNotContaining("'redis-server' not found")
					.hasMessageContaining("apt-get install -y redis-server redis-sentinel"));
	}

	@Test
	@ResourceLock(Resources.SYSTEM_PROPERTIES)
	void binaryPathsCanBeOverridden() {
		withProperty(Binaries.SERVER_PROPERTY, "/usr/bin/redis-server", () -> {
			try (StandaloneRedis redis = RedisTopologies.standalone().start()) {
				assertThat(redis.node().isRunning()).isTrue();
			}
		});
	}

	@Test
	void shutdownHookCleansUpWhenTheJvmExitsWithoutClosing(@TempDir Path tmp) throws Exception {
		Process child = startChild("exit", tmp);
		Map<String, String> info = awaitChildInfo(child, tmp);
		assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("child JVM exits").isTrue();
		assertThat(child.exitValue()).isZero();
		assertThat(isAlive(Long.parseLong(info.get("pid")))).isFalse();
		assertThat(Path.of(info.get("dir"))).doesNotExist();
		awaitGone("watchdog of the child JVM", Long.parseLong(info.get("watchdog")));
	}

	@Test
	void watchdogCleansUpWhenTheJvmIsKilled(@TempDir Path tmp) throws Exception {
		Process child = startChild("hang", tmp);
		Map<String, String> info = awaitChildInfo(child, tmp);
		long redisPid = Long.parseLong(info.get("pid"));
		assertThat(isAlive(redisPid)).isTrue();
		child.destroyForcibly(); // SIGKILL: no shutdown hook runs
		assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		awaitGone("redis-server of the killed JVM", redisPid);
		awaitGone("watchdog of the killed JVM", Long.parseLong(info.get("watchdog")));
		Path dir = Path.of(info.get("dir"));
		poll("directory " + dir + " to be deleted", () -> !Files.exists(dir));
	}

	private static Process startChild(String mode, Path tmp) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return new ProcessBuilder(java, "-cp", classpath, ChildJvm.class.getName(), mode).redirectErrorStream(true)
			.redirectOutput(tmp.resolve("child.log").toFile())
			.start();
	}

	private static Map<String, String> awaitChildInfo(Process child, Path tmp) {
		Pattern pattern = Pattern.compile("CHILD pid=(\\d+) dir=(\\S+) watchdog=(\\d+)");
		Path log = tmp.resolve("child.log");
		String[] found = new String[3];
		poll("the child JVM to start a server (log: " + log + ")", () -> {
			String content = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
			Matcher matcher = pattern.matcher(content);
			if (matcher.find()) {
				found[0] = matcher.group(1);
				found[1] = matcher.group(2);
				found[2] = matcher.group(3);
				return true;
			}
			if (!child.isAlive()) {
				throw new AssertionError("child JVM exited early:\n" + content);
			}
			return false;
		});
		return Map.of("pid", found[0], "dir", found[1], "watchdog", found[2]);
	}

	private static void awaitGone(String what, long pid) {
		poll(what + " (pid " + pid + ") to be gone", () -> !isAlive(pid));
	}

	/** Alive and not a zombie (an orphan's zombie may linger until init reaps it). */
	static boolean isAlive(long pid) {
		if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			return false;
		}
		try (var in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "stat"))) {
			String stat = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void poll(String what, Condition condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			try {
				if (condition.holds()) {
					return;
				}
			}
			catch (AssertionError ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new AssertionError(what, ex);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Timed out waiting for " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted", ex);
			}
		}
	}

	private static void withProperty(String key, String value, Runnable action) {
		String previous = System.getProperty(key);
		System.setProperty(key, value);
		try {
			action.run();
		}
		finally {
			if (previous == null) {
				System.clearProperty(key);
			}
			else {
				System.setProperty(key, previous);
			}
		}
	}

	private interface Condition {

		boolean holds() throws Exception;

	}

}
