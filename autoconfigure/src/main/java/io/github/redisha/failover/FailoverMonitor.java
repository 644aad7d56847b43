package io.github.redisha.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.context.SmartLifecycle;

import io.github.redisha.internal.DirectNodeConnections;
import io.github.redisha.connection.RedisEndpoint;
import io.github.redisha.internal.RedisFailures;
import io.github.redisha.failover.SentinelLink.MasterAnswer;

/**
 * Follows the master in Sentinel mode and moves the client to a new master on the
 * earliest reliable signal. Subscribes to every configured sentinel and every sentinel they
 * report ({@code SENTINEL SENTINELS}); re-reads the master after every (re)subscribe and
 * every {@code redis.failover.check-interval}, so missed events are not lost.
 *
 * <p>
 * A failover is followed from its first event: when the leader announces the replica it
 * promotes ({@code +selected-slave}, {@code +failover-state-wait-promotion}), that replica
 * is asked {@code ROLE} every few milliseconds and the client switches the moment it
 * answers {@code master}, which is up to a second before Sentinel itself publishes
 * {@code +promoted-slave} and several seconds before {@code +switch-master}. A switch fences
 * the old master (connects to it are redirected) and closes every channel to it, so nothing
 * more is written there and queued commands are replayed on the new master.
 *
 * <p>
 * All state changes happen on one thread, {@code redis-ha-failover}; redis-ha uses its own
 * small Lettuce client for this, so a busy application client cannot delay it.
 *
 * @author redis-ha
 */
final class FailoverMonitor implements FailoverHistory, SmartLifecycle, ClientChannels.MasterResolver,
		SentinelLink.Events {

	private static final Log logger = LogFactory.getLog(FailoverMonitor.class);

	/** How often a replica being promoted is asked for its role. */
	private static final long PROMOTION_POLL_MILLIS = 10;

	/** How long a promotion is followed before giving up on it. */
	private static final Duration PROMOTION_WATCH = Duration.ofSeconds(15);

	/** Sentinels are re-discovered every this many checks. */
	private static final int DISCOVERY_EVERY_CHECKS = 10;

	private static final Duration EVENT_DEDUPLICATION = Duration.ofSeconds(5);

	private final DataRedisConnectionDetails details;

	private final RedisFailoverProperties properties;

	private final ClientChannels channels;

	private final FailoverListeners listeners;

	private final boolean ssl;

	private final String masterName;

	private final Map<RedisEndpoint, SentinelLink> links = new LinkedHashMap<>();

	private final Map<RedisEndpoint, CompletableFuture<StatefulRedisConnection<String, String>>> probes = new HashMap<>();

	private final Map<String, Long> recentEvents = new HashMap<>();

	private final Set<RedisEndpoint> masterDownReporters = new HashSet<>();

	private final Map<RedisEndpoint, PromotionWatch> promotions = new ConcurrentHashMap<>();

	private volatile @Nullable RedisEndpoint master;

	private volatile @Nullable MasterSwitch lastSwitch;

	private boolean masterObjectivelyDown;

	private boolean failoverInProgress;

	private long failureDetectedAt;

	private long lastDownEventAt;

	private int checks;

	private int lastReachable = -1;

	private int lastKnown = -1;

	private volatile boolean running;

	private @Nullable ScheduledExecutorService executor;

	private @Nullable ClientResources resources;

	private @Nullable RedisClient sentinelClient;

	private @Nullable RedisClient probeClient;

	FailoverMonitor(DataRedisConnectionDetails details, RedisFailoverProperties properties, ClientChannels channels) {
		Sentinel sentinel = details.getSentinel();
		this.details = details;
		this.properties = properties;
		this.channels = channels;
		this.listeners = channels.listeners();
		// TLS exactly when Boot's factory uses it: the connection details carry a bundle
		this.ssl = details.getSslBundle() != null;
		this.masterName = (sentinel != null) ? sentinel.getMaster() : "";
	}

	// ---- FailoverHistory

	@Override
	public Optional<MasterSwitch> lastSwitch() {
		return Optional.ofNullable(this.lastSwitch);
	}

	@Override
	public Optional<RedisEndpoint> currentMaster() {
		return Optional.ofNullable(this.master);
	}

	// ---- lifecycle

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		if (this.details.getSentinel() == null) {
			// e.g. the application defines its own connection factory: nothing to follow
			logger.info("redis-ha: the Redis connection details name no Sentinel; not following failovers");
			return;
		}
		this.running = true;
		Duration timeout = this.properties.getProbeTimeout();
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "redis-ha-failover");
			thread.setDaemon(true);
			return thread;
		});
		this.resources = DefaultClientResources.builder()
			.ioThreadPoolSize(2)
			.computationThreadPoolSize(1)
			.reconnectDelay(new JitteredReconnectDelay(Duration.ofMillis(50), this.properties.getReconnectDelayMax(),
					new FailoverListener() {
					}))
			.build();
		this.sentinelClient = RedisClient.create(this.resources);
		this.sentinelClient.setOptions(clientOptions(timeout, true));
		this.probeClient = RedisClient.create(this.resources);
		this.probeClient.setOptions(clientOptions(timeout, false));
		List<RedisEndpoint> configured = this.details.getSentinel()
			.getNodes()
			.stream()
			.map((node) -> new RedisEndpoint(node.host(), node.port()))
			.toList();
		this.channels.sentinelMode(configured, this);
		CompletableFuture<Void> firstResolve = new CompletableFuture<>();
		execute(() -> {
			configured.forEach(this::addSentinel);
			resolve("startup").whenComplete((ignored, failure) -> firstResolve.complete(null));
		});
		long interval = Math.max(50, this.properties.getCheckInterval().toMillis());
		this.executor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
		try {
			// the application should start writing to a verified master
			firstResolve.get(timeout.toMillis() * 4, TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.warn("redis-ha: the master of '" + this.masterName + "' could not be verified at startup; "
					+ "it is retried every " + this.properties.getCheckInterval().toMillis() + " ms");
		}
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			try {
				scheduler.submit(this::closeConnections).get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// shutting down anyway
			}
			scheduler.shutdownNow();
		}
		Duration timeout = this.properties.getProbeTimeout();
		if (this.sentinelClient != null) {
			this.sentinelClient.shutdown(Duration.ZERO, timeout);
		}
		if (this.probeClient != null) {
			this.probeClient.shutdown(Duration.ZERO, timeout);
		}
		if (this.resources != null) {
			this.resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void closeConnections() {
		this.promotions.values().forEach(PromotionWatch::cancel);
		this.promotions.clear();
		this.links.values().forEach(SentinelLink::close);
		this.links.clear();
		this.probes.values().forEach((probe) -> probe.thenAccept(StatefulRedisConnection::closeAsync));
		this.probes.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the connection factory (phase 0) starts, before a web server stops taking traffic
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	// ---- sentinel events

	@Override
	public void received(RedisEndpoint sentinel, String channel, String message) {
		execute(() -> onEvent(sentinel, channel, message));
	}

	@Override
	public void subscribed(RedisEndpoint sentinel) {
		execute(() -> {
			logger.debug("redis-ha: subscribed to sentinel " + sentinel);
			reportReachable();
			resolve("subscribed to sentinel " + sentinel);
		});
	}

	@Override
	public void unreachable(RedisEndpoint sentinel, Throwable failure) {
		execute(() -> {
			logger.debug("redis-ha: sentinel " + sentinel + " not reachable: " + RedisFailures.describe(failure));
			reportReachable();
		});
	}

	private void onEvent(RedisEndpoint source, String channel, String message) {
		countOnce(channel, message);
		SentinelEvent event = SentinelEvent.parse(channel, message);
		if (channel.equals("+sentinel") && event.instance() != null && event.isFor(this.masterName)) {
			addSentinel(event.instance());
			return;
		}
		if (!event.isFor(this.masterName)) {
			return;
		}
		RedisEndpoint instance = event.instance();
		RedisEndpoint current = this.master;
		// failover events name the master they fail over; ignore the tail of one we already left
		boolean aboutCurrent = current != null && current.equals(event.master());
		switch (channel) {
			case "+switch-master" -> {
				if (event.newMaster() != null) {
					watchPromotion(event.newMaster(), "+switch-master from sentinel " + source);
				}
			}
			case "+selected-slave", "+failover-state-send-slaveof-noone", "+failover-state-wait-promotion",
					"+promoted-slave" -> {
				if (aboutCurrent && instance != null) {
					failoverInProgress(true);
					watchPromotion(instance, channel + " from sentinel " + source);
				}
			}
			case "+try-failover", "+elected-leader", "+failover-state-select-slave" -> {
				if (aboutCurrent) {
					failoverInProgress(true);
				}
			}
			case "+failover-end", "+failover-end-for-timeout" -> {
				if (aboutCurrent) {
					failoverInProgress(false);
				}
				resolve(channel);
			}
			case "+sdown", "-sdown" -> {
				boolean down = channel.startsWith("+");
				if (event.isAboutMaster() && aboutCurrent) {
					if (down) {
						this.masterDownReporters.add(source);
					}
					else {
						this.masterDownReporters.remove(source);
					}
					updateMasterDown();
				}
				else if (event.isAboutReplica() && instance != null) {
					this.channels.nodeReportedDown(instance, down);
					if (!down) {
						checkFenced(instance);
					}
				}
			}
			case "+odown", "-odown" -> {
				if (aboutCurrent) {
					this.masterObjectivelyDown = channel.startsWith("+");
					updateMasterDown();
				}
			}
			case "+convert-to-slave", "+slave", "+role-change", "+reboot" -> {
				if (instance != null) {
					checkFenced(instance);
				}
			}
			default -> {
				if (channel.startsWith("-failover-abort")) {
					if (aboutCurrent) {
						failoverInProgress(false);
					}
					this.promotions.values().forEach(PromotionWatch::cancel);
					this.promotions.clear();
					resolve(channel);
				}
			}
		}
	}

	private void countOnce(String channel, String message) {
		String identity = SentinelEvent.identity(channel, message);
		long now = System.nanoTime();
		Long seen = this.recentEvents.get(identity);
		if (seen == null || now - seen > EVENT_DEDUPLICATION.toNanos()) {
			this.recentEvents.put(identity, now);
			this.listeners.sentinelEvent(channel);
		}
	}

	private void failoverInProgress(boolean inProgress) {
		if (this.failoverInProgress != inProgress) {
			this.failoverInProgress = inProgress;
			updateMasterDown();
		}
	}

	private void clearMasterDown(long answeredAfter) {
		// an event newer than the answers wins
		if (this.lastDownEventAt < answeredAfter && (!this.masterDownReporters.isEmpty()
				|| this.masterObjectivelyDown || this.failoverInProgress)) {
			this.masterDownReporters.clear();
			this.masterObjectivelyDown = false;
			this.failoverInProgress = false;
			updateMasterDown();
		}
	}

	private void updateMasterDown() {
		this.lastDownEventAt = System.nanoTime();
		boolean down = !this.masterDownReporters.isEmpty() || this.masterObjectivelyDown || this.failoverInProgress;
		if (down && this.failureDetectedAt == 0) {
			this.failureDetectedAt = System.nanoTime();
		}
		this.channels.masterReportedDown(down);
	}

	// ---- following a promotion

	private void watchPromotion(RedisEndpoint candidate, String reason) {
		if (candidate.equals(this.master) || this.promotions.containsKey(candidate)) {
			return;
		}
		PromotionWatch watch = new PromotionWatch(candidate, reason, System.nanoTime() + PROMOTION_WATCH.toNanos());
		this.promotions.put(candidate, watch);
		watch.poll();
	}

	/**
	 * Asks a replica that is being promoted for its role until it answers {@code master}.
	 */
	private final class PromotionWatch {

		private final RedisEndpoint candidate;

		private final String reason;

		private final long deadline;

		private volatile boolean cancelled;

		private @Nullable ScheduledFuture<?> next;

		PromotionWatch(RedisEndpoint candidate, String reason, long deadline) {
			this.candidate = candidate;
			this.reason = reason;
			this.deadline = deadline;
		}

		void poll() {
			if (this.cancelled || !FailoverMonitor.this.running) {
				return;
			}
			if (System.nanoTime() > this.deadline) {
				logger.debug("redis-ha: " + this.candidate + " did not become master within " + PROMOTION_WATCH);
				FailoverMonitor.this.promotions.remove(this.candidate, this);
				return;
			}
			role(this.candidate).whenComplete((role, failure) -> execute(() -> {
				if (this.cancelled) {
					return;
				}
				if ("master".equals(role)) {
					FailoverMonitor.this.promotions.remove(this.candidate, this);
					switchTo(this.candidate, this.reason);
				}
				else {
					this.next = scheduler().schedule(this::poll, PROMOTION_POLL_MILLIS, TimeUnit.MILLISECONDS);
				}
			}));
		}

		void cancel() {
			this.cancelled = true;
			ScheduledFuture<?> scheduled = this.next;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

	}

	// ---- switching

	private void switchTo(RedisEndpoint newMaster, String reason) {
		RedisEndpoint old = this.master;
		if (newMaster.equals(old)) {
			return;
		}
		PromotionWatch watch = this.promotions.remove(newMaster);
		if (watch != null) {
			watch.cancel();
		}
		this.master = newMaster;
		this.masterDownReporters.clear();
		this.masterObjectivelyDown = false;
		this.failoverInProgress = false;
		if (old == null) {
			this.channels.masterVerified(newMaster);
			logger.info("redis-ha: master '" + this.masterName + "' is " + newMaster + " (verified with ROLE)");
			return;
		}
		int closed = this.channels.masterSwitched(old, newMaster);
		MasterSwitch masterSwitch = new MasterSwitch(this.masterName, old, newMaster, Instant.now());
		this.lastSwitch = masterSwitch;
		Duration failoverDuration = (this.failureDetectedAt != 0)
				? Duration.ofNanos(System.nanoTime() - this.failureDetectedAt) : null;
		this.failureDetectedAt = 0;
		logger.info("redis-ha: master '" + this.masterName + "' switched from " + old + " to " + newMaster + " ("
				+ reason + "); closed " + closed + " connection(s) to the old master, which is fenced off");
		this.listeners.masterSwitched(masterSwitch, failoverDuration);
	}

	@Override
	public void readOnlyFrom(RedisEndpoint node) {
		execute(() -> resolve("READONLY from " + node));
	}

	/**
	 * Ask every reachable sentinel for the master and follow the one with the highest
	 * configuration epoch, once it answers {@code ROLE} as master. A fenced old master is
	 * only taken back when the current one turned out to be a replica.
	 */
	private CompletableFuture<Void> resolve(String reason) {
		if (!this.running) {
			return CompletableFuture.completedFuture(null);
		}
		long askedAt = System.nanoTime();
		List<CompletableFuture<@Nullable MasterAnswer>> asked = new ArrayList<>();
		for (SentinelLink link : this.links.values()) {
			asked.add(link.askMaster(this.masterName).exceptionally((failure) -> null));
		}
		return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenCompose((ignored) -> {
			List<@Nullable MasterAnswer> answers = asked.stream().map(CompletableFuture::join).toList();
			RedisEndpoint best = best(answers);
			if (best == null) {
				return CompletableFuture.completedFuture(null);
			}
			RedisEndpoint current = this.master;
			if (best.equals(current) && answers.stream().noneMatch((answer) -> answer != null && answer.troubled())) {
				// no sentinel flags the master down any more: forget down reports whose end we missed
				execute(() -> clearMasterDown(askedAt));
			}
			if (best.equals(current)) {
				if (this.channels.fenced().contains(current)) {
					// the sentinels still name a master that answered READONLY: they disagree with it
					return followReplication(current, reason);
				}
				return CompletableFuture.completedFuture(null);
			}
			CompletableFuture<@Nullable String> currentRole = (current != null && this.channels.fenced().contains(best))
					? role(current) : CompletableFuture.completedFuture(null);
			return role(best).thenCombine(currentRole, (bestRole, roleOfCurrent) -> {
				execute(() -> {
					if (!"master".equals(bestRole) || best.equals(this.master)) {
						return;
					}
					boolean fencedBest = this.channels.fenced().contains(best);
					if (fencedBest && !"slave".equals(roleOfCurrent)) {
						// an old master that still answers master while ours does too: the sentinels lag
						// behind a promotion redis-ha already followed
						return;
					}
					if (fencedBest) {
						this.channels.unfence(best);
					}
					switchTo(best, reason);
				});
				return null;
			});
		});
	}

	/**
	 * The master answered as a replica while the sentinels still name it (they are racing
	 * each other, e.g. one reconverted a freshly promoted replica). Follow the node it
	 * replicates from, if that one answers {@code ROLE} as master: writes there reach the
	 * demoted node as well, and the sentinels will fail over from the chain they built.
	 */
	private CompletableFuture<Void> followReplication(RedisEndpoint demoted, String reason) {
		return roleOf(demoted).thenCompose((role) -> {
			RedisEndpoint upstream = (role != null && "slave".equals(role.role())) ? role.replicaOf() : null;
			if (upstream == null || upstream.equals(demoted)) {
				return CompletableFuture.completedFuture(null);
			}
			return role(upstream).thenAccept((upstreamRole) -> {
				if ("master".equals(upstreamRole)) {
					execute(() -> {
						if (demoted.equals(this.master)) {
							if (this.channels.fenced().contains(upstream)) {
								this.channels.unfence(upstream);
							}
							switchTo(upstream, reason + "; " + demoted + " replicates from it");
						}
					});
				}
			});
		});
	}

	private static @Nullable RedisEndpoint best(List<@Nullable MasterAnswer> answers) {
		long bestEpoch = Long.MIN_VALUE;
		Map<RedisEndpoint, Integer> votes = new HashMap<>();
		for (MasterAnswer answer : answers) {
			if (answer != null) {
				bestEpoch = Math.max(bestEpoch, answer.epoch());
			}
		}
		for (MasterAnswer answer : answers) {
			if (answer != null && answer.epoch() == bestEpoch) {
				votes.merge(answer.master(), 1, Integer::sum);
			}
		}
		return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
	}

	private void checkFenced(RedisEndpoint node) {
		// a current master that answered READONLY stays fenced until a switch moves us away
		if (this.channels.fenced().contains(node) && !node.equals(this.master)) {
			role(node).thenAccept((role) -> {
				if ("slave".equals(role)) {
					execute(() -> this.channels.unfence(node));
				}
			});
		}
	}

	private void checkRefused() {
		Set<RedisEndpoint> fenced = this.channels.fenced();
		for (RedisEndpoint node : this.channels.refusedNodes()) {
			if (!node.equals(this.master) && !fenced.contains(node)) {
				role(node).thenAccept((role) -> {
					if (role != null) {
						execute(() -> this.channels.nodeAnswered(node));
					}
				});
			}
		}
	}

	// ---- periodic check

	private void check() {
		try {
			this.checks++;
			this.links.values().forEach(SentinelLink::subscribe);
			resolve("periodic check");
			this.channels.fenced().forEach(this::checkFenced);
			checkRefused();
			if (this.checks % DISCOVERY_EVERY_CHECKS == 1) {
				discoverSentinels();
			}
			long now = System.nanoTime();
			this.recentEvents.values().removeIf((seen) -> now - seen > EVENT_DEDUPLICATION.toNanos());
			reportReachable();
		}
		catch (RuntimeException ex) {
			logger.warn("redis-ha: failover check failed", ex);
		}
	}

	private void discoverSentinels() {
		for (SentinelLink link : List.copyOf(this.links.values())) {
			link.askSentinels(this.masterName)
				.thenAccept((found) -> execute(() -> found.forEach(this::addSentinel)))
				.exceptionally((failure) -> null);
		}
	}

	private void addSentinel(RedisEndpoint endpoint) {
		if (!this.running || this.links.containsKey(endpoint)) {
			return;
		}
		SentinelLink link = new SentinelLink(endpoint, sentinelUri(endpoint), this.sentinelClient,
				this.properties.getProbeTimeout(), this);
		this.links.put(endpoint, link);
		if (this.links.size() > this.details.getSentinel().getNodes().size()) {
			logger.info("redis-ha: discovered sentinel " + endpoint);
		}
		link.subscribe();
	}

	private void reportReachable() {
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

	// ---- probes

	private CompletableFuture<@Nullable String> role(RedisEndpoint node) {
		return roleOf(node).thenApply((role) -> (role != null) ? role.role() : null);
	}

	/**
	 * {@code ROLE} of a data node; null when it does not answer in time.
	 */
	private CompletableFuture<@Nullable NodeRole> roleOf(RedisEndpoint node) {
		if (!this.running) {
			return CompletableFuture.completedFuture(null);
		}
		return probe(node).thenCompose((connection) -> connection.async().role().toCompletableFuture())
			.thenApply(NodeRole::of)
			.orTimeout(this.properties.getProbeTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)
			.handle((role, failure) -> {
				if (failure != null) {
					execute(() -> dropProbe(node));
					return null;
				}
				return role;
			});
	}

	/**
	 * A node's answer to {@code ROLE}.
	 *
	 * @param role {@code master}, {@code slave} or {@code sentinel}
	 * @param replicaOf for a replica, the node it replicates from
	 */
	record NodeRole(String role, @Nullable RedisEndpoint replicaOf) {

		static @Nullable NodeRole of(List<Object> reply) {
			if (reply.isEmpty()) {
				return null;
			}
			String role = String.valueOf(reply.get(0));
			RedisEndpoint replicaOf = null;
			if ("slave".equals(role) && reply.size() >= 3) {
				try {
					replicaOf = new RedisEndpoint(String.valueOf(reply.get(1)),
							Integer.parseInt(String.valueOf(reply.get(2))));
				}
				catch (NumberFormatException ex) {
					// not an address: leave it unknown
				}
			}
			return new NodeRole(role, replicaOf);
		}

	}

	private CompletableFuture<StatefulRedisConnection<String, String>> probe(RedisEndpoint node) {
		CompletableFuture<CompletableFuture<StatefulRedisConnection<String, String>>> result = new CompletableFuture<>();
		execute(() -> {
			CompletableFuture<StatefulRedisConnection<String, String>> current = this.probes.get(node);
			if (current == null || current.isCompletedExceptionally()
					|| (current.isDone() && !current.join().isOpen())) {
				current = this.probeClient.connectAsync(StringCodec.UTF8, dataUri(node)).toCompletableFuture();
				this.probes.put(node, current);
			}
			result.complete(current);
		});
		return result.thenCompose((future) -> future);
	}

	private void dropProbe(RedisEndpoint node) {
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.probes.remove(node);
		if (current != null) {
			current.thenAccept(StatefulRedisConnection::closeAsync);
		}
	}

	// ---- plumbing

	private ScheduledExecutorService scheduler() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler == null) {
			throw new IllegalStateException("not started");
		}
		return scheduler;
	}

	private void execute(Runnable task) {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler == null || scheduler.isShutdown() || !this.running) {
			return;
		}
		try {
			scheduler.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.warn("redis-ha: failover task failed", ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// shutting down
		}
	}

	private ClientOptions clientOptions(Duration timeout, boolean autoReconnect) {
		return DirectNodeConnections.clientOptions(timeout, this.details.getSslBundle())
			.autoReconnect(autoReconnect)
			.protocolVersion(ProtocolVersion.RESP2)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build();
	}

	private RedisURI sentinelUri(RedisEndpoint endpoint) {
		Sentinel sentinel = this.details.getSentinel();
		return uri(endpoint, sentinel.getUsername(), sentinel.getPassword());
	}

	private RedisURI dataUri(RedisEndpoint endpoint) {
		return uri(endpoint, this.details.getUsername(), this.details.getPassword());
	}

	private RedisURI uri(RedisEndpoint endpoint, @Nullable String username, @Nullable String password) {
		RedisURI uri = DirectNodeConnections.uri(endpoint, username, password, this.properties.getProbeTimeout(),
				this.ssl);
		uri.setClientName("redis-ha-failover");
		return uri;
	}

}
