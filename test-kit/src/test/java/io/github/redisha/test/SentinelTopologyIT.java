package io.github.redisha.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One shared 1 master + 2 replicas + 3 Sentinels topology; every test leaves it healthy.
 */
@RedisSentinelTopology
class SentinelTopologyIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@AfterEach
	void restoreHealth(SentinelTopology topology) {
		topology.restore(TIMEOUT);
	}

	@Test
	void startsHealthyWithNodeZeroAsMaster(SentinelTopology topology) {
		assertThat(topology.dataNodes()).hasSize(3).noneMatch(RedisNode::isSentinel).allMatch(RedisNode::isRunning);
		assertThat(topology.sentinels()).hasSize(3).allMatch(RedisNode::isSentinel).allMatch(RedisNode::isRunning);
		assertThat(topology.master()).isSameAs(topology.dataNodes().get(0));
		assertThat(topology.replicas()).containsExactly(topology.dataNodes().get(1), topology.dataNodes().get(2));
		assertThat(TestRedis.role(topology.dataNodes().get(0), "data-secret")).isEqualTo("master");
		assertThat(TestRedis.role(topology.dataNodes().get(1), "data-secret")).isEqualTo("slave");
		assertThat(TestRedis.role(topology.dataNodes().get(2), "data-secret")).isEqualTo("slave");
		topology.awaitHealthy(Duration.ofSeconds(5));
	}

	@Test
	void everythingListensOnLoopbackOnDistinctPorts(SentinelTopology topology) {
		List<RedisNode> all = new java.util.ArrayList<>(topology.dataNodes());
		all.addAll(topology.sentinels());
		assertThat(all).allMatch((node) -> node.host().equals("127.0.0.1"))
			.allMatch((node) -> node.address().equals("127.0.0.1:" + node.port()));
		assertThat(all.stream().map(RedisNode::port).distinct()).hasSize(6);
		assertThat(TestRedis.config(topology.master(), "data-secret", "bind")).isEqualTo("127.0.0.1");
	}

	@Test
	void describesItself(SentinelTopology topology) {
		String expected = topology.sentinels()
			.stream()
			.map((s) -> "127.0.0.1:" + s.port())
			.collect(java.util.stream.Collectors.joining(","));
		assertThat(topology.sentinelAddresses()).isEqualTo(expected);
		assertThat(topology.masterName()).isEqualTo("mymaster");
		assertThat(topology.password()).isEqualTo("data-secret");
		assertThat(topology.sentinelPassword()).isEqualTo("sentinel-secret");
		assertThat(topology.environment()).containsExactly(Map.entry("REDIS_SENTINEL_ENABLED", "true"),
				Map.entry("REDIS_SENTINELS", expected), Map.entry("REDIS_MASTER_NAME", "mymaster"),
				Map.entry("REDIS_PASSWORD", "data-secret"), Map.entry("REDIS_SENTINEL_PASSWORD", "sentinel-secret"));
	}

	@Test
	void sentinelsRequireTheSentinelPasswordAndDataNodesTheDataPassword(SentinelTopology topology) {
		RedisNode sentinel = topology.sentinels().get(0);
		String master = TestRedis.sentinel(sentinel, "sentinel-secret",
				(c) -> c.getMasterAddrByName("mymaster").toString());
		assertThat(master).contains(String.valueOf(topology.master().port()));
		assertThatThrownBy(() -> TestRedis.sentinel(sentinel, null, (c) -> c.getMasterAddrByName("mymaster")))
			.hasStackTraceContaining("NOAUTH");
		assertThatThrownBy(() -> TestRedis.sentinel(sentinel, "data-secret", (c) -> c.getMasterAddrByName("mymaster")))
			.hasStackTraceContaining("WRONGPASS");
		assertThatThrownBy(() -> TestRedis.ping(topology.master(), "sentinel-secret"))
			.hasStackTraceContaining("WRONGPASS");
	}

	@Test
	void aSentinelAwareClientWritesToTheMasterAndReplicasFollow(SentinelTopology topology) {
		RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId(topology.masterName());
		for (RedisNode sentinel : topology.sentinels()) {
			uri.withSentinel(RedisURI.builder()
				.withHost(sentinel.host())
				.withPort(sentinel.port())
				.withPassword(topology.sentinelPassword().toCharArray())
				.build());
		}
		uri.withPassword(topology.password().toCharArray()).withTimeout(Duration.ofSeconds(2));
		RedisClient client = RedisClient.create();
		try (StatefulRedisConnection<String, String> connection = client.connect(uri.build())) {
			assertThat(connection.sync().set("written-through-sentinel", "yes")).isEqualTo("OK");
			assertThat(connection.sync().waitForReplication(2, 5000)).isEqualTo(2L);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		for (RedisNode replica : topology.replicas()) {
			assertThat(TestRedis.get(replica, "data-secret", "written-through-sentinel")).isEqualTo("yes");
		}
	}

	@Test
	void waitsFailWithWhatIsMissing(SentinelTopology topology) {
		RedisNode master = topology.master();
		assertThatThrownBy(() -> topology.awaitFailover(master, Duration.ofMillis(200)))
			.isInstanceOf(RedisTopologyException.class)
			.hasMessageContaining("Timed out after 200 ms")
			.hasMessageContaining("Sentinels still report the old master " + master.address());
	}

	@Test
	void stopsAndStartsASentinel(SentinelTopology topology) {
		RedisNode sentinel = topology.sentinels().get(1);
		int port = sentinel.port();
		sentinel.stop();
		assertThat(sentinel.isRunning()).isFalse();
		// the other two still agree on the master
		assertThat(topology.master()).isSameAs(topology.dataNodes().get(0));
		topology.awaitHealthy(TIMEOUT);
		sentinel.start();
		assertThat(sentinel.port()).isEqualTo(port);
		String pong = TestRedis.sentinel(sentinel, "sentinel-secret", (c) -> c.ping());
		assertThat(pong).isEqualTo("PONG");
		topology.awaitHealthy(TIMEOUT);
	}

	@Test
	void killsAndRestartsAReplica(SentinelTopology topology) {
		RedisNode replica = topology.dataNodes().get(2);
		replica.kill();
		assertThat(replica.isRunning()).isFalse();
		topology.awaitHealthy(TIMEOUT);
		replica.start();
		topology.awaitHealthy(TIMEOUT);
		assertThat(TestRedis.role(replica, "data-secret")).isEqualTo("slave");
	}

	@Test
	void restoreUndoesEveryFaultButTheFailover(SentinelTopology topology) {
		RedisNode frozenReplica = topology.dataNodes().get(1);
		RedisNode killedReplica = topology.dataNodes().get(2);
		RedisNode stoppedSentinel = topology.sentinels().get(2);
		frozenReplica.freeze();
		killedReplica.kill();
		stoppedSentinel.stop();

		topology.restore(TIMEOUT);

		assertThat(frozenReplica.isFrozen()).isFalse();
		assertThat(topology.dataNodes()).allMatch(RedisNode::isRunning);
		assertThat(topology.sentinels()).allMatch(RedisNode::isRunning);
		assertThat(TestRedis.role(frozenReplica, "data-secret")).isEqualTo("slave");
		assertThat(TestRedis.role(killedReplica, "data-secret")).isEqualTo("slave");
		assertThat(TestRedis.<String>sentinel(stoppedSentinel, "sentinel-secret", (c) -> c.ping())).isEqualTo("PONG");
	}

}
