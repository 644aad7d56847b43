package io.github.redisha.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * The replicas as one health check saw them, typed: the health details are rendered from
 * it and the replica gauges read it, so the two cannot disagree.
 *
 * @param replicas every replica known to a sentinel or to the master, in that order
 * @author redis-ha
 */
record ReplicaSnapshot(List<Replica> replicas) {

	/**
	 * Classify the replicas a sentinel and the master report. The master's INFO is fresh;
	 * a sentinel refreshes its view of a replica's link only every 10 s, so the link
	 * comes from the master when it answered.
	 * @param view what the sentinel that named the master saw, if any
	 * @param master the master's answer, if any
	 * @param maxLag the lag beyond which a replica is lagging
	 * @return the snapshot
	 */
	static ReplicaSnapshot of(@Nullable SentinelAnswer view, @Nullable NodeAnswer master, Duration maxLag) {
		Map<RedisEndpoint, ReplicaView> seenBySentinel = new LinkedHashMap<>();
		if (view != null) {
			view.replicas().forEach((replica) -> seenBySentinel.put(replica.endpoint(), replica));
		}
		boolean masterAnswered = (master != null && master.isMaster());
		Map<RedisEndpoint, ReplicaLink> links = masterAnswered ? master.replicas() : Map.of();
		List<RedisEndpoint> known = new ArrayList<>(seenBySentinel.keySet());
		links.keySet().stream().filter((endpoint) -> !known.contains(endpoint)).forEach(known::add);
		List<Replica> replicas = new ArrayList<>(known.size());
		for (RedisEndpoint endpoint : known) {
			ReplicaView seen = seenBySentinel.get(endpoint);
			ReplicaLink link = links.get(endpoint);
			long lag = (link != null && link.lagSeconds() >= 0) ? link.lagSeconds() : -1;
			if (seen != null && seen.isDown()) {
				replicas.add(new Replica(endpoint, "down", lag,
						"replica " + endpoint + " is down (sentinel flags: " + seen.flags() + ")"));
			}
			else if (masterAnswered && (link == null || !"online".equals(link.state()))) {
				replicas.add(new Replica(endpoint, "not in sync", lag, "replica " + endpoint
						+ " is not in sync with the master" + ((link != null) ? " (state " + link.state() + ")" : "")));
			}
			else if (link != null && link.lagSeconds() > maxLag.toSeconds()) {
				replicas.add(new Replica(endpoint, "lagging", lag,
						"replica " + endpoint + " lags " + link.lagSeconds() + "s behind the master"));
			}
			else {
				replicas.add(new Replica(endpoint, "online", lag, null));
			}
		}
		return new ReplicaSnapshot(List.copyOf(replicas));
	}

	/**
	 * Return how many replicas are online, in sync and within the allowed lag.
	 * @return the healthy replicas
	 */
	int healthy() {
		return (int) this.replicas.stream().filter(Replica::isHealthy).count();
	}

	/**
	 * Return the largest replication lag reported for a replica.
	 * @return the lag in seconds, {@code NaN} when no replica reported one
	 */
	double largestLagSeconds() {
		OptionalLong largest = this.replicas.stream().mapToLong(Replica::lagSeconds).filter((lag) -> lag >= 0).max();
		return largest.isPresent() ? largest.getAsLong() : Double.NaN;
	}

	/**
	 * One replica.
	 *
	 * @param endpoint its address
	 * @param status {@code online}, {@code lagging}, {@code not in sync} or {@code down}
	 * @param lagSeconds its replication lag, -1 when unknown
	 * @param warning why it is not healthy, {@code null} when it is
	 */
	record Replica(RedisEndpoint endpoint, String status, long lagSeconds, @Nullable String warning) {

		boolean isHealthy() {
			return this.warning == null;
		}

	}

}
