package io.github.redisha.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.testsupport.DirectRedis;
import io.github.redisha.testsupport.SystemEnvironment;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode against a real 3×1 Redis Cluster: configured through the
 * {@code REDIS_CLUSTER_*} variables alone, and misconfigured to check what a deployer is
 * told by the startup check.
 */
@RedisClusterTopology(password = "cluster-data-secret")
@ExtendWith(OutputCaptureExtension.class)
class ClusterConnectionIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Test
	void writesAndReadsAKeyInEverySlot(ClusterTopology cluster) {
		Map<Integer, String> keys = keyPerSlot();
		this.contextRunner.withInitializer(ClusterEnvironment.of(cluster.environment())).run((context) -> {
			assertThat(context).hasSingleBean(RedisStartupCheck.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			keys.values().forEach((key) -> template.opsForValue().set(key, "v-" + key));
			keys.values().forEach((key) -> assertThat(template.opsForValue().get(key)).isEqualTo("v-" + key));
		});
		for (int slot : List.of(0, 5461, 10922, 16383)) {
			String key = keys.get(slot);
			assertThat(DirectRedis.get(cluster.primaryForKey(key), cluster.password(), key))
				.as("slot %d on the primary the cluster says owns it", slot)
				.isEqualTo("v-" + key);
		}
	}

	@Test
	void startsWhenOnlyOneSeedAnswers(ClusterTopology cluster, CapturedOutput output) {
		int nowhere = DirectRedis.unusedPort();
		Map<String, String> env = SystemEnvironment.with(cluster.environment(), "REDIS_CLUSTER_NODES",
				"127.0.0.1:" + nowhere + "," + cluster.nodes().get(0).address());
		this.contextRunner.withInitializer(ClusterEnvironment.of(env)).run((context) -> {
			assertThat(context).hasNotFailed();
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("it:cluster:one-seed", "ok");
			assertThat(template.opsForValue().get("it:cluster:one-seed")).isEqualTo("ok");
		});
		assertThat(output).contains("1 of 2 seed nodes in REDIS_CLUSTER_NODES (redis.cluster.nodes) are not usable: "
				+ "127.0.0.1:" + nowhere + " (");
	}

	@Test
	void wrongPasswordFailsStartupWithoutEchoingIt(ClusterTopology cluster, CapturedOutput output) {
		Map<String, String> env = SystemEnvironment.with(cluster.environment(), "REDIS_PASSWORD",
				"wrong-cluster-password-123");
		FailureAnalysis analysis = analyze(env);
		assertThat(analysis.getDescription()).matches("Redis at 127\\.0\\.0\\.1:\\d+ rejected the data credentials "
				+ "\\(REDIS_PASSWORD / redis\\.password\\): WRONGPASS.*");
		assertThat(analysis.getAction()).contains("Set REDIS_PASSWORD");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("wrong-cluster-password-123")
			.doesNotContain(cluster.password());
		assertThat(output).doesNotContain("wrong-cluster-password-123").doesNotContain(cluster.password());
	}

	@Test
	void unreachableSeedsFailStartupNamingEachOfThem() {
		int first = DirectRedis.unusedPort();
		int second = DirectRedis.unusedPort();
		FailureAnalysis analysis = analyze(Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES",
				"127.0.0.1:" + first + ",127.0.0.1:" + second));
		assertThat(analysis.getDescription())
			.startsWith("None of the seed nodes in REDIS_CLUSTER_NODES (redis.cluster.nodes) could be reached: "
					+ "127.0.0.1:" + first + " (")
			.contains("127.0.0.1:" + second + " (");
		assertThat(analysis.getAction()).contains("REDIS_STARTUP_CHECK_ENABLED=false");
	}

	@Test
	void seedThatIsNotAClusterNodeFailsStartup() {
		try (StandaloneRedis redis = RedisTopologies.standalone().start()) {
			FailureAnalysis analysis = analyze(
					Map.of("REDIS_CLUSTER_ENABLED", "true", "REDIS_CLUSTER_NODES", redis.node().address()));
			assertThat(analysis.getDescription())
				.isEqualTo("The seed nodes in REDIS_CLUSTER_NODES (redis.cluster.nodes) are not in cluster mode: "
						+ redis.node().address() + " (ERR This instance has cluster support disabled).");
			assertThat(analysis.getAction()).contains("cluster-enabled yes").contains("REDIS_CLUSTER_ENABLED=false");
		}
	}

	@Test
	void failedClusterStateAtStartupIsAWarning(CapturedOutput output) {
		try (ClusterTopology cluster = RedisTopologies.cluster()
			.primaries(3)
			.replicasPerPrimary(0)
			.password("failing-cluster-secret")
			.start()) {
			RedisNode lost = cluster.nodes().get(0);
			lost.kill();
			List<RedisNode> survivors = new ArrayList<>(cluster.nodes().subList(1, 3));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> DirectRedis
					.call(survivors.get(0), cluster.password(), (commands) -> commands.clusterInfo())
					.contains("cluster_state:fail"));
			Map<String, String> env = new LinkedHashMap<>(cluster.environment());
			env.put("REDIS_CLUSTER_NODES", survivors.get(0).address() + "," + survivors.get(1).address());
			this.contextRunner.withInitializer(ClusterEnvironment.of(env))
				.run((context) -> assertThat(context).hasNotFailed());
			assertThat(output).contains("WARN").contains("the Redis Cluster reports cluster_state:fail");
		}
	}

	private FailureAnalysis analyze(Map<String, String> env) {
		return StartupFailures.analyze(this.contextRunner.withInitializer(ClusterEnvironment.of(env)));
	}

	/**
	 * One key for each of the 16384 hash slots.
	 * @return the keys by slot
	 */
	static Map<Integer, String> keyPerSlot() {
		Map<Integer, String> keys = new LinkedHashMap<>();
		for (int i = 0; keys.size() < SlotHash.SLOT_COUNT; i++) {
			String key = "it:slot:" + i;
			keys.putIfAbsent(SlotHash.getSlot(key), key);
		}
		return keys;
	}

}
