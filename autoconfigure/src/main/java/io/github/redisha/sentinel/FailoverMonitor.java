package io.github.redisha.sentinel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.internal.MasterResolver;
import io.github.redisha.failover.internal.SentinelChannels;
import io.github.redisha.internal.RedisMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * Follows the master in Sentinel mode and moves the client to a new master on the
 * earliest reliable signal. Subscribes to every configured sentinel and every sentinel
 * they report; re-reads the master after every (re)subscribe and every
 * {@code redis.failover.check-interval}, so missed events are not lost.
 *
 * <p>
 * A failover is followed from its first event: when the leader announces the replica it
 * promotes ({@code +selected-slave}, {@code +failover-state-wait-promotion}), that
 * replica is asked {@code ROLE} every few milliseconds and the client switches the moment
 * it answers {@code master}. A switch fences the old master (connects to it are
 * redirected) and closes every channel to it, so nothing more is written there and queued
 * commands are replayed on the new master.
 *
 * <p>
 * This class is the lifecycle and the {@link FailoverHistory}; the work is done by a
 * {@link SentinelEngine} per start, on one thread, {@code redis-ha-failover}.
 *
 * @author redis-ha
 */
final class FailoverMonitor implements FailoverHistory, SmartLifecycle, MasterResolver {

	private static final Log logger = LogFactory.getLog(FailoverMonitor.class);

	private final DataRedisConnectionDetails details;

	private final RedisFailoverProperties properties;

	private final SentinelChannels channels;

	private final FollowedMaster followed = new FollowedMaster();

	private volatile @Nullable SentinelEngine engine;

	FailoverMonitor(DataRedisConnectionDetails details, RedisFailoverProperties properties, SentinelChannels channels) {
		this.details = details;
		this.properties = properties;
		this.channels = channels;
	}

	@Override
	public Optional<MasterSwitch> lastSwitch() {
		return this.followed.lastSwitch();
	}

	@Override
	public Optional<RedisEndpoint> currentMaster() {
		return this.followed.currentMaster();
	}

	@Override
	public void start() {
		if (this.engine != null) {
			return;
		}
		if (RedisMode.of(this.details) != RedisMode.SENTINEL) {
			// e.g. the application defines its own connection factory: nothing to follow
			logger.info("redis-ha: the Redis connection details name no Sentinel; not following failovers");
			return;
		}
		SentinelEngine started = new SentinelEngine(this.details, this.properties, this.channels, this.followed);
		this.engine = started;
		List<RedisEndpoint> configured = this.details.getSentinel()
			.getNodes()
			.stream()
			.map((node) -> new RedisEndpoint(node.host(), node.port()))
			.toList();
		this.channels.follow(configured, this);
		CompletableFuture<Void> firstResolve = started.start(configured, this.properties.getCheckInterval());
		// the application should start writing to a verified master
		if (!SentinelEngine.await(firstResolve, this.properties.getProbeTimeout().multipliedBy(4))) {
			logger.warn("redis-ha: the master of '" + this.details.getSentinel().getMaster()
					+ "' could not be verified at startup; it is retried every "
					+ this.properties.getCheckInterval().toMillis() + " ms");
		}
	}

	@Override
	public void stop() {
		SentinelEngine running = this.engine;
		if (running != null) {
			this.engine = null;
			running.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.engine != null;
	}

	@Override
	public int getPhase() {
		// after the connection factory (phase 0) starts, before a web server stops taking
		// traffic
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public void readOnlyFrom(RedisEndpoint node) {
		SentinelEngine running = this.engine;
		if (running != null) {
			running.readOnlyFrom(node);
		}
	}

}
