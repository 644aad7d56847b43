package io.github.redisha.routing;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * The availability zone of each data node: from the static map ({@code REDIS_NODE_ZONES})
 * where it names the node, else as the node announces it (Valkey 8+), learned the first
 * time read routing asks for a node's zone and kept per address. Asking never waits: a
 * node whose zone is still being learned, or that announces none, has no zone. A failed
 * lookup (the node was down) is tried again a second later, when routing next asks; a new
 * address (a failover, a new pod) is a new lookup.
 *
 * @author redis-ha
 */
final class NodeZones {

	// a dead node is asked again at most this often
	private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Learned PENDING = new Learned(null, false, 0);

	private final Map<RedisEndpoint, String> staticZones;

	private final @Nullable ZoneLookup lookup;

	private final Executor executor;

	private final Map<RedisEndpoint, Learned> learned = new ConcurrentHashMap<>();

	/**
	 * Zones from the static map and, for nodes it does not name, from the nodes.
	 * @param staticZones the static map, hosts in lower case
	 * @param lookup asks a node for the zone it announces, or null to learn none
	 * @param executor where lookups start, off the caller's (possibly an I/O) thread
	 */
	NodeZones(Map<RedisEndpoint, String> staticZones, @Nullable ZoneLookup lookup, Executor executor) {
		this.staticZones = Map.copyOf(staticZones);
		this.lookup = lookup;
		this.executor = executor;
	}

	/**
	 * The node's zone as known now; starts learning it if it is not known yet.
	 * @param host the node's host, as Lettuce knows the node
	 * @param port the node's port
	 * @return the zone, or null when the node has none (yet)
	 */
	@Nullable String zoneOf(String host, int port) {
		RedisEndpoint node = new RedisEndpoint(host.toLowerCase(Locale.ROOT), port);
		String fixed = this.staticZones.get(node);
		if (fixed != null || this.lookup == null) {
			return fixed;
		}
		Learned known = this.learned.get(node);
		if (known == null) {
			if (this.learned.putIfAbsent(node, PENDING) == null) {
				learn(node);
			}
			return null;
		}
		if (known.retry() && System.nanoTime() - known.failedAt() >= RETRY_NANOS
				&& this.learned.replace(node, known, PENDING)) {
			learn(node);
		}
		return known.zone();
	}

	private void learn(RedisEndpoint node) {
		ZoneLookup lookup = this.lookup;
		if (lookup == null) {
			return;
		}
		try {
			this.executor.execute(() -> lookup.zoneOf(node)
				.whenComplete((zone, failure) -> this.learned.put(node,
						(failure != null) ? new Learned(null, true, System.nanoTime()) : new Learned(zone, false, 0))));
		}
		catch (RuntimeException ex) {
			// shutting down: nothing to learn any more
			this.learned.put(node, new Learned(null, true, System.nanoTime()));
		}
	}

	/**
	 * Asks a node for the availability zone it announces.
	 */
	@FunctionalInterface
	interface ZoneLookup {

		/**
		 * The node's zone.
		 * @param node the node
		 * @return its zone, completing with null when it announces none, exceptionally
		 * when it cannot be asked
		 */
		CompletionStage<@Nullable String> zoneOf(RedisEndpoint node);

	}

	private record Learned(@Nullable String zone, boolean retry, long failedAt) {

	}

}
