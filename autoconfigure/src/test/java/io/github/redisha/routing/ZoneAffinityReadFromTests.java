package io.github.redisha.routing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiPredicate;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeReachability;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisURI;
import io.lettuce.core.models.role.RedisInstance;
import io.lettuce.core.models.role.RedisNodeDescription;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordering decision of {@code zone-affinity} and how node zones are learned, without
 * Redis.
 */
class ZoneAffinityReadFromTests {

	private final RedisNodeDescription master = node("10.0.0.1", RedisInstance.Role.UPSTREAM);

	private final RedisNodeDescription replicaA = node("10.0.0.2", RedisInstance.Role.REPLICA);

	private final RedisNodeDescription replicaB = node("10.0.0.3", RedisInstance.Role.REPLICA);

	private final RedisNodeDescription replicaC = node("10.0.0.4", RedisInstance.Role.REPLICA);

	private final NodeZones zones = new NodeZones(Map.of(endpoint(this.master), "eu-1a", endpoint(this.replicaA),
			"eu-1b", endpoint(this.replicaB), "eu-1c", endpoint(this.replicaC), "eu-1b"), null, Runnable::run);

	private final ZoneReadCounts counts = new ZoneReadCounts();

	@Test
	void sameZoneReplicasFirstThenOtherReplicasThenTheMaster() {
		ReadFrom readFrom = zoneAffinity("eu-1c", ReadFrom.ANY, (host, port) -> false);
		assertThat(readFrom.select(nodes(this.master, this.replicaA, this.replicaB))).containsExactly(this.replicaB,
				this.replicaA, this.master);
		assertThat(this.counts.same.sum()).isOne();
		assertThat(this.counts.other.sum()).isZero();
	}

	@Test
	void aZoneWithoutReplicasFallsBackToOtherReplicasThenTheMaster() {
		ReadFrom readFrom = zoneAffinity("eu-1a", ReadFrom.ANY, (host, port) -> false);
		assertThat(readFrom.select(nodes(this.master, this.replicaA, this.replicaB))).containsExactly(this.replicaA,
				this.replicaB, this.master);
		assertThat(readFrom.select(nodes(this.master))).containsExactly(this.master);
		assertThat(this.counts.other.sum()).isOne();
		assertThat(this.counts.master.sum()).isOne();
		assertThat(this.counts.same.sum()).isZero();
	}

	@Test
	void replicasKnownDownAreLeftOutSoTheNextZoneServes() {
		ReadFrom readFrom = zoneAffinity("eu-1c",
				new ReachabilityAwareReadFrom(ReadFrom.ANY, down(this.replicaB.getUri().getHost())),
				(host, port) -> false);
		assertThat(readFrom.select(nodes(this.master, this.replicaA, this.replicaB))).containsExactly(this.replicaA,
				this.master);
	}

	@Test
	void aReplicaVerifiedAsTheNewMasterIsOrderedAsTheMaster() {
		// Lettuce's topology still lists the promoted replica as a replica
		String promoted = this.replicaB.getUri().getHost();
		ReadFrom readFrom = zoneAffinity("eu-1c", ReadFrom.ANY, (host, port) -> host.equals(promoted));
		assertThat(readFrom.select(nodes(this.master, this.replicaA, this.replicaB))).containsExactly(this.replicaA,
				this.master, this.replicaB);
	}

	@Test
	void replicasOfTheSameZoneTakeTurns() {
		ReadFrom readFrom = zoneAffinity("eu-1b", ReadFrom.ANY, (host, port) -> false);
		ReadFrom.Nodes nodes = nodes(this.master, this.replicaA, this.replicaB, this.replicaC);
		assertThat(readFrom.select(nodes)).containsExactly(this.replicaA, this.replicaC, this.replicaB, this.master);
		assertThat(readFrom.select(nodes)).containsExactly(this.replicaC, this.replicaA, this.replicaB, this.master);
		assertThat(this.counts.same.sum()).isEqualTo(2);
	}

	@Test
	void announcedZonesAreLearnedOffTheCallerOnceAndNeverAwaited() {
		List<Runnable> started = new ArrayList<>();
		ConcurrentLinkedQueue<RedisEndpoint> asked = new ConcurrentLinkedQueue<>();
		CompletableFuture<@Nullable String> answer = new CompletableFuture<>();
		NodeZones learned = new NodeZones(Map.of(), (node) -> {
			asked.add(node);
			return answer;
		}, started::add);
		assertThat(learned.zoneOf("10.0.0.2", 6379)).as("unknown while being learned").isNull();
		assertThat(learned.zoneOf("10.0.0.2", 6379)).isNull();
		assertThat(started).as("one lookup, handed to the executor").hasSize(1);
		assertThat(asked).isEmpty();
		started.get(0).run();
		assertThat(learned.zoneOf("10.0.0.2", 6379)).as("still being learned").isNull();
		answer.complete("eu-1b");
		assertThat(learned.zoneOf("10.0.0.2", 6379)).isEqualTo("eu-1b");
		assertThat(asked).containsExactly(new RedisEndpoint("10.0.0.2", 6379));
		assertThat(started).hasSize(1);
	}

	@Test
	void theStaticMapWinsOverWhatANodeAnnounces() {
		List<RedisEndpoint> asked = new ArrayList<>();
		NodeZones mixed = new NodeZones(Map.of(new RedisEndpoint("redis-0", 6379), "eu-1a"), (node) -> {
			asked.add(node);
			return CompletableFuture.completedFuture("eu-1z");
		}, Runnable::run);
		assertThat(mixed.zoneOf("REDIS-0", 6379)).isEqualTo("eu-1a");
		assertThat(asked).isEmpty();
		assertThat(mixed.zoneOf("redis-1", 6379)).as("never awaited").isNull();
		assertThat(mixed.zoneOf("redis-1", 6379)).isEqualTo("eu-1z");
		assertThat(asked).containsExactly(new RedisEndpoint("redis-1", 6379));
	}

	@Test
	void aFailedLookupIsTriedAgainLaterAndANodeWithoutAZoneIsNotAskedAgain() {
		List<RedisEndpoint> asked = new ArrayList<>();
		NodeZones zones = new NodeZones(Map.of(), (node) -> {
			asked.add(node);
			return (node.port() == 1) ? CompletableFuture.failedFuture(new IllegalStateException("refused"))
					: CompletableFuture.completedFuture(null);
		}, Runnable::run);
		assertThat(zones.zoneOf("10.0.0.2", 1)).isNull();
		assertThat(zones.zoneOf("10.0.0.2", 2)).isNull();
		assertThat(zones.zoneOf("10.0.0.2", 2)).isNull();
		// the retry waits a second: asked once each so far
		assertThat(zones.zoneOf("10.0.0.2", 1)).isNull();
		assertThat(asked).containsExactly(new RedisEndpoint("10.0.0.2", 1), new RedisEndpoint("10.0.0.2", 2));
	}

	@Test
	void theServersInfoFieldIsRead() {
		assertThat(ServerZoneLookup.zone("# Server\r\nvalkey_version:8.1.1\r\navailability_zone:eu-1a\r\n"))
			.isEqualTo("eu-1a");
		assertThat(ServerZoneLookup.zone("# Server\r\navailability_zone:\r\n")).isNull();
		assertThat(ServerZoneLookup.zone("# Server\r\nredis_version:7.0.15\r\n")).isNull();
	}

	private ReadFrom zoneAffinity(String clientZone, ReadFrom candidates, BiPredicate<String, Integer> master) {
		return new ZoneAffinityReadFrom(candidates, clientZone, this.zones, master, this.counts);
	}

	private static RedisEndpoint endpoint(RedisNodeDescription node) {
		return new RedisEndpoint(node.getUri().getHost(), node.getUri().getPort());
	}

	private static NodeReachability down(String host) {
		return new NodeReachability() {

			@Override
			public boolean isUnreachable(String candidate, int port) {
				return candidate.equals(host);
			}

			@Override
			public boolean anyUnreachable() {
				return true;
			}

		};
	}

	static ReadFrom.Nodes nodes(RedisNodeDescription... known) {
		return new ReadFrom.Nodes() {

			@Override
			public List<RedisNodeDescription> getNodes() {
				return List.of(known);
			}

			@Override
			public Iterator<RedisNodeDescription> iterator() {
				return getNodes().iterator();
			}

		};
	}

	static RedisNodeDescription node(String host, RedisInstance.Role role) {
		RedisURI uri = RedisURI.create(host, 6379);
		return new RedisNodeDescription() {

			@Override
			public RedisURI getUri() {
				return uri;
			}

			@Override
			public RedisInstance.Role getRole() {
				return role;
			}

			@Override
			public String toString() {
				return host;
			}

		};
	}

}
