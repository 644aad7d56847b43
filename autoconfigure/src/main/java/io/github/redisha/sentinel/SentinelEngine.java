package io.github.redisha.sentinel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.FailoverListener;
import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.failover.internal.JitteredReconnectDelay;
import io.github.redisha.failover.internal.SentinelChannels;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.NameResolution;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.NodeProbe;
import io.github.redisha.internal.RedisFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * One run of failover following in Sentinel mode, from start to stop: wires the parts
 * together on the {@link FailoverThread} and moves the client when a new master is
 * verified. Events come in through {@link SentinelEventIntake}; promotions are followed
 * by {@link PromotionWatches}; the master is re-read by {@link MasterResolution} after
 * every (re)subscribe and every {@code redis.failover.check-interval}, so missed events
 * are not lost.
 *
 * @author redis-ha
 */
final class SentinelEngine implements SentinelLink.Events, SentinelEventIntake.Reactions {

	private static final Log logger = LogFactory.getLog(SentinelEngine.class);

	/** Sentinels are re-discovered every this many checks when all are reachable. */
	private static final int DISCOVERY_EVERY_CHECKS = 10;

	private final String masterName;

	private final FollowedMaster followed;

	private final SentinelChannels channels;

	private final FailoverThread thread = new FailoverThread();

	private final NodeClient nodes;

	private final SentinelRegistry sentinels;

	private final MasterDownState masterDown;

	private final SentinelEventIntake intake;

	private final PromotionWatches promotions;

	private final MasterResolution resolution;

	private final EngineWriteHold writeHold;

	private int checks;

	SentinelEngine(DataRedisConnectionDetails details, RedisFailoverProperties properties, SentinelChannels channels,
			FollowedMaster followed) {
		this.masterName = details.getSentinel().getMaster();
		this.followed = followed;
		this.channels = channels;
		this.writeHold = new EngineWriteHold(this.thread, channels, properties.getReconnectHoldMax());
		// its own small client, so that a busy application client cannot delay failover
		// following
		this.nodes = NodeClient.owning(NameResolution.ownResources()
			.reconnectDelay(new JitteredReconnectDelay(Duration.ofMillis(50), properties.getReconnectDelayMax(),
					new FailoverListener() {
					}))
			.build(), details, properties.getProbeTimeout(), "redis-ha-failover");
		FailoverListeners listeners = channels.listeners();
		this.sentinels = new SentinelRegistry(this.nodes, this.masterName, this.thread, listeners, this);
		this.masterDown = new MasterDownState(this.thread::nanoTime, channels::masterReportedDown);
		this.intake = new SentinelEventIntake(this.masterName, followed::get, this.masterDown, listeners, this);
		NodeProbe roles = NodeProbe.keptOpen(this.nodes, this.thread);
		this.promotions = new PromotionWatches(this.thread, roles, this::switchTo);
		this.resolution = new MasterResolution(this.sentinels::askMaster, roles, channels, this.masterDown, this.thread,
				followed::get, this::switchTo);
	}

	/**
	 * Subscribe to the sentinels and resolve the master.
	 * @param configured the configured sentinels
	 * @param checkInterval how often to re-read the master
	 * @return completes when the first resolve is done
	 */
	CompletableFuture<Void> start(List<RedisEndpoint> configured, Duration checkInterval) {
		CompletableFuture<Void> firstResolve = new CompletableFuture<>();
		this.thread.execute(() -> {
			configured.forEach(this.sentinels::addConfigured);
			this.resolution.resolve("startup").whenComplete((ignored, failure) -> firstResolve.complete(null));
		});
		this.thread.every("the Sentinel failover check", Math.max(50, checkInterval.toMillis()), this::check);
		return firstResolve;
	}

	void stop() {
		this.thread.stop(() -> {
			this.promotions.cancelAll();
			this.sentinels.close();
		});
		this.nodes.close();
	}

	@Override
	public void received(RedisEndpoint sentinel, String channel, String message) {
		this.thread.execute(() -> this.intake.accept(sentinel, channel, message, this.thread.nanoTime()));
	}

	@Override
	public void subscribed(RedisEndpoint sentinel) {
		this.thread.execute(() -> {
			logger.debug("redis-ha: subscribed to sentinel " + sentinel);
			this.sentinels.reportReachable();
			this.resolution.resolve("subscribed to sentinel " + sentinel);
		});
	}

	@Override
	public void unreachable(RedisEndpoint sentinel, Throwable failure) {
		this.thread.execute(() -> {
			logger.debug("redis-ha: sentinel " + sentinel + " not reachable: " + RedisFailures.describe(failure));
			this.sentinels.reportReachable();
		});
	}

	void readOnlyFrom(RedisEndpoint node) {
		this.thread.execute(() -> this.resolution.resolve("READONLY from " + node));
	}

	@Override
	public void sentinelDiscovered(RedisEndpoint sentinel) {
		this.sentinels.announced(sentinel);
	}

	@Override
	public void promotionStarted(RedisEndpoint candidate, String reason) {
		RedisEndpoint current = this.followed.get();
		if (!candidate.equals(current)) {
			if (current != null) {
				this.writeHold.begin(current);
			}
			this.promotions.watch(candidate, reason);
		}
	}

	@Override
	public void failoverAborted() {
		this.promotions.cancelAll();
		this.writeHold.abort();
	}

	@Override
	public void resolve(String reason) {
		this.resolution.resolve(reason);
	}

	@Override
	public void replicaReportedDown(RedisEndpoint replica, boolean down) {
		this.channels.nodeReportedDown(replica, down);
	}

	@Override
	public void roleMayHaveChanged(RedisEndpoint node) {
		this.resolution.checkFenced(node);
	}

	private void switchTo(RedisEndpoint newMaster, String reason) {
		RedisEndpoint old = this.followed.get();
		if (newMaster.equals(old)) {
			return;
		}
		this.promotions.cancel(newMaster);
		this.followed.set(newMaster);
		this.masterDown.forget();
		if (old == null) {
			this.channels.masterVerified(newMaster);
			logger.info("redis-ha: master '" + this.masterName + "' is " + newMaster + " (verified with ROLE)");
			return;
		}
		Duration heldFor = this.writeHold.switched();
		int closed = this.channels.masterSwitched(old, newMaster);
		String held = (heldFor != null) ? "; commands were held for " + heldFor.toMillis() + " ms" : "";
		FailoverHistory.MasterSwitch masterSwitch = new FailoverHistory.MasterSwitch(this.masterName, old, newMaster,
				Instant.now());
		this.followed.switched(masterSwitch);
		Duration failoverDuration = this.masterDown.takeFailureDuration();
		logger.info("redis-ha: master '" + this.masterName + "' switched from " + old + " to " + newMaster + " ("
				+ reason + "); closed " + closed + " connection(s) to the old master, which is fenced off" + held);
		this.channels.listeners().masterSwitched(masterSwitch, failoverDuration);
	}

	private void check() {
		this.checks++;
		this.sentinels.subscribeAll();
		this.resolution.resolve("periodic check");
		this.channels.fenced().forEach(this.resolution::checkFenced);
		this.resolution.checkRefused();
		// every check while a known sentinel sends no events: its replacement (a redeploy
		// behind a Service) is found through the configured addresses
		if (this.sentinels.degraded() || this.checks % DISCOVERY_EVERY_CHECKS == 0) {
			this.sentinels.discover();
		}
		this.intake.expire(this.thread.nanoTime());
		this.sentinels.reportReachable();
	}

	/**
	 * Wait for the first resolve, so that the application starts writing to a verified
	 * master.
	 * @param firstResolve the first resolve
	 * @param timeout how long to wait
	 * @return whether it completed in time
	 */
	static boolean await(CompletableFuture<Void> firstResolve, Duration timeout) {
		try {
			firstResolve.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
