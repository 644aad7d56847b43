package io.github.redisha.sentinel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The sentinels redis-ha listens to: the configured ones and every one they report
 * ({@code SENTINEL SENTINELS}, {@code +sentinel}), one {@link SentinelLink} each. Reports
 * how many of them it receives events from. Used on the failover thread only.
 *
 * @author redis-ha
 */
final class SentinelRegistry {

	private static final Log logger = LogFactory.getLog(SentinelRegistry.class);

	private final Map<RedisEndpoint, SentinelLink> links = new LinkedHashMap<>();

	private final NodeClient nodes;

	private final String masterName;

	private final int configured;

	private final FailoverThread thread;

	private final FailoverListeners listeners;

	private final SentinelLink.Events events;

	private int lastReachable = -1;

	private int lastKnown = -1;

	SentinelRegistry(NodeClient nodes, String masterName, int configured, FailoverThread thread,
			FailoverListeners listeners, SentinelLink.Events events) {
		this.nodes = nodes;
		this.masterName = masterName;
		this.configured = configured;
		this.thread = thread;
		this.listeners = listeners;
		this.events = events;
	}

	void add(RedisEndpoint endpoint) {
		if (!this.thread.isRunning() || this.links.containsKey(endpoint)) {
			return;
		}
		SentinelLink link = new SentinelLink(endpoint, this.nodes, this.masterName, this.events);
		this.links.put(endpoint, link);
		if (this.links.size() > this.configured) {
			logger.info("redis-ha: discovered sentinel " + endpoint);
		}
		link.subscribe();
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
	 * Ask every sentinel for the others it knows, and add them.
	 */
	void discover() {
		for (SentinelLink link : List.copyOf(this.links.values())) {
			link.askSentinels()
				.thenAccept((found) -> this.thread.execute(() -> found.forEach(this::add)))
				.exceptionally((failure) -> null);
		}
	}

	/**
	 * Tell the listeners how many sentinels send events, when that changed.
	 */
	void reportReachable() {
		int reachable = (int) this.links.values().stream().filter(SentinelLink::isSubscribed).count();
		int known = this.links.size();
		if (reachable != this.lastReachable || known != this.lastKnown) {
			if (reachable < this.lastReachable) {
				logger.warn("redis-ha: receiving events from " + reachable + " of " + known + " sentinels");
			}
			this.lastReachable = reachable;
			this.lastKnown = known;
			this.listeners.sentinelsReachable(reachable, known);
		}
	}

	void close() {
		this.links.values().forEach(SentinelLink::close);
		this.links.clear();
	}

}
