package io.github.redisha.sentinel;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.sentinel.SentinelLink.MasterAnswer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sentinels redis-ha listens to: the configured addresses and every sentinel they
 * report ({@code SENTINEL SENTINELS}, {@code +sentinel}), one {@link SentinelLink} each,
 * so that a single Service address in front of the sentinels leads to a subscription on
 * each sentinel's own address. A newly added link is asked for the others at once, so the
 * whole set is known within a few round trips of startup. What counts as a sentinel
 * ({@code known}) and when one is dropped is decided by {@link SentinelCensus}. Used on
 * the failover thread only.
 *
 * @author redis-ha
 */
final class SentinelRegistry {

	private static final Log logger = LogFactory.getLog(SentinelRegistry.class);

	private final Map<RedisEndpoint, SentinelLink> links = new LinkedHashMap<>();

	private final SentinelCensus census = new SentinelCensus();

	private final NodeClient nodes;

	private final String masterName;

	private final FailoverThread thread;

	private final FailoverListeners listeners;

	private final SentinelLink.Events events;

	private int lastReachable = -1;

	private int lastKnown = -1;

	SentinelRegistry(NodeClient nodes, String masterName, FailoverThread thread, FailoverListeners listeners,
			SentinelLink.Events events) {
		this.nodes = nodes;
		this.masterName = masterName;
		this.thread = thread;
		this.listeners = listeners;
		this.events = events;
	}

	/**
	 * Add a configured address (a sentinel, or a Service in front of them): never
	 * dropped.
	 * @param endpoint the address
	 */
	void addConfigured(RedisEndpoint endpoint) {
		this.census.configured(endpoint);
		add(endpoint);
	}

	/**
	 * Add a sentinel another one announced ({@code +sentinel}): it is listed.
	 * @param endpoint the sentinel
	 */
	void announced(RedisEndpoint endpoint) {
		this.census.listed(List.of(endpoint));
		add(endpoint);
	}

	private void add(RedisEndpoint endpoint) {
		if (!this.thread.isRunning() || this.links.containsKey(endpoint)) {
			return;
		}
		SentinelLink link = new SentinelLink(endpoint, this.nodes, this.masterName, this.events);
		this.links.put(endpoint, link);
		if (!this.census.isConfigured(endpoint)) {
			logger.info("redis-ha: discovered sentinel " + endpoint);
		}
		link.subscribe();
		askSentinels(link);
	}

	private CompletableFuture<@Nullable List<RedisEndpoint>> askSentinels(SentinelLink link) {
		CompletableFuture<@Nullable List<RedisEndpoint>> found = link.askSentinels()
			.<@Nullable List<RedisEndpoint>>thenApply((sentinels) -> sentinels)
			.exceptionally((failure) -> null);
		found.thenAccept((sentinels) -> {
			if (sentinels != null) {
				this.thread.execute(() -> learn(sentinels));
			}
		});
		return found;
	}

	private void learn(List<RedisEndpoint> sentinels) {
		this.census.listed(sentinels);
		sentinels.forEach(this::add);
		reportReachable();
	}

	/**
	 * Subscribe where no subscription exists or is being made.
	 */
	void subscribeAll() {
		this.links.values().forEach(SentinelLink::subscribe);
	}

	/**
	 * Ask every sentinel for the master.
	 * @return one answer per sentinel, null where it did not answer
	 */
	List<CompletableFuture<@Nullable MasterAnswer>> askMaster() {
		return this.links.values().stream().map((link) -> link.askMaster().exceptionally((failure) -> null)).toList();
	}

	/**
	 * Ask every link for the sentinels it knows, add new ones, and drop those that are
	 * gone: neither subscribed nor listed by any sentinel that answered, for
	 * {@value SentinelCensus#DROP_AFTER_ROUNDS} rounds in a row.
	 */
	void discover() {
		List<CompletableFuture<@Nullable List<RedisEndpoint>>> asked = List.copyOf(this.links.values())
			.stream()
			.map(this::askSentinels)
			.toList();
		CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenRun(() -> {
			List<List<RedisEndpoint>> answers = asked.stream()
				.map(CompletableFuture::join)
				.filter(Objects::nonNull)
				.toList();
			if (!answers.isEmpty()) {
				Set<RedisEndpoint> listedNow = new HashSet<>();
				answers.forEach(listedNow::addAll);
				this.thread.execute(() -> dropGone(listedNow));
			}
		});
	}

	private void dropGone(Set<RedisEndpoint> listedNow) {
		for (RedisEndpoint gone : this.census.round(List.copyOf(this.links.keySet()),
				(endpoint) -> this.links.get(endpoint).isSubscribed(), listedNow)) {
			logger.info("redis-ha: dropped sentinel " + gone + ": unreachable, and no sentinel lists it any more");
			this.links.remove(gone).close();
		}
		reportReachable();
	}

	/**
	 * Whether some sentinel counted as known sends no events (so discovery should run
	 * often, to find their replacements).
	 * @return whether fewer sentinels are reachable than known
	 */
	boolean degraded() {
		return this.lastReachable < this.lastKnown;
	}

	/**
	 * Tell the listeners how many sentinels send events, when that changed.
	 */
	void reportReachable() {
		List<SentinelLink> sentinels = sentinels();
		int reachable = (int) sentinels.stream().filter(SentinelLink::isSubscribed).count();
		int known = sentinels.size();
		if (reachable != this.lastReachable || known != this.lastKnown) {
			// not while sentinels are being discovered: their subscriptions are still
			// being made
			if (reachable < this.lastReachable && known == this.lastKnown) {
				logger.warn("redis-ha: receiving events from " + reachable + " of " + known + " sentinels");
			}
			this.lastReachable = reachable;
			this.lastKnown = known;
			this.listeners.sentinelsReachable(reachable, known);
		}
	}

	private List<SentinelLink> sentinels() {
		return this.census.sentinels(this.links.keySet()).stream().map(this.links::get).toList();
	}

	void close() {
		this.links.values().forEach(SentinelLink::close);
		this.links.clear();
	}

}
