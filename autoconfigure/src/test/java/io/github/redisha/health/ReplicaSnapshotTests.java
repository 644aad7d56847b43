package io.github.redisha.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplicaSnapshot}.
 *
 * @author redis-ha
 */
class ReplicaSnapshotTests {

	private static final RedisEndpoint MASTER = new RedisEndpoint("10.0.0.1", 6379);

	private static final RedisEndpoint ONLINE = new RedisEndpoint("10.0.0.2", 6379);

	private static final RedisEndpoint LAGGING = new RedisEndpoint("10.0.0.3", 6379);

	private static final RedisEndpoint DOWN = new RedisEndpoint("10.0.0.4", 6379);

	private static final RedisEndpoint SYNCING = new RedisEndpoint("10.0.0.5", 6379);

	@Test
	void classifiesEachReplicaAndCountsTheHealthyOnes() {
		SentinelAnswer sentinel = new SentinelAnswer(new RedisEndpoint("10.0.0.9", 26379), MASTER, true, "OK",
				List.of(new ReplicaView(ONLINE, "slave"), new ReplicaView(DOWN, "s_down,slave")), true, null);
		Map<RedisEndpoint, ReplicaLink> links = new LinkedHashMap<>();
		links.put(ONLINE, new ReplicaLink("online", 1));
		links.put(LAGGING, new ReplicaLink("online", 30));
		links.put(SYNCING, new ReplicaLink("wait_bgsave", 0));
		NodeAnswer master = new NodeAnswer(MASTER, "master", links, null);
		ReplicaSnapshot snapshot = ReplicaSnapshot.of(sentinel, master, Duration.ofSeconds(10));
		assertThat(snapshot.replicas()).extracting(ReplicaSnapshot.Replica::status)
			.containsExactly("online", "down", "lagging", "not in sync");
		assertThat(snapshot.replicas().get(0).endpoint()).isEqualTo(ONLINE);
		assertThat(snapshot.replicas().get(1).warning())
			.isEqualTo("replica 10.0.0.4:6379 is down (sentinel flags: s_down,slave)");
		assertThat(snapshot.healthy()).isOne();
		assertThat(snapshot.largestLagSeconds()).isEqualTo(30.0);
	}

	@Test
	void largestLagIsUnknownWhenNoReplicaReportsOne() {
		SentinelAnswer sentinel = new SentinelAnswer(new RedisEndpoint("10.0.0.9", 26379), MASTER, true, "OK",
				List.of(new ReplicaView(ONLINE, "slave")), true, null);
		ReplicaSnapshot snapshot = ReplicaSnapshot.of(sentinel, NodeAnswer.failed(MASTER, "timeout"),
				Duration.ofSeconds(10));
		assertThat(snapshot.healthy()).isOne();
		assertThat(snapshot.largestLagSeconds()).isNaN();
		assertThat(ReplicaSnapshot.of(null, null, Duration.ofSeconds(10)).replicas()).isEmpty();
	}

}
