package io.github.redisha.health;

import java.time.Duration;
import java.time.Instant;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import io.github.redisha.internal.RedisFailures;
import io.github.redisha.internal.RedisMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Redis health from the topology itself rather than from the application's connection: in
 * Sentinel mode the sentinels are asked for the master, quorum and replicas and the
 * master is asked {@code PING}, {@code ROLE} and about its replication; in standalone
 * mode the configured node is asked {@code PING} and {@code ROLE}. Endpoints and
 * credentials come from Spring Boot's {@link DataRedisConnectionDetails}. A result is
 * reused for the configured time, and concurrent requests share one check, so polling
 * cannot hammer Redis.
 *
 * @author redis-ha
 */
final class SentinelAwareRedisHealthIndicator implements HealthIndicator, SmartInitializingSingleton, DisposableBean {

	private final DataRedisConnectionDetails connectionDetails;

	private final RedisTopologyProbe probe;

	private final HealthReport report;

	private final ObjectProvider<FailoverHistory> failoverHistory;

	private final CachedCheck<Checked> checks;

	private @Nullable RedisEndpoint lastKnownMaster;

	private @Nullable MasterSwitch observedSwitch;

	SentinelAwareRedisHealthIndicator(DataRedisConnectionDetails connectionDetails, RedisTopologyProbe probe,
			HealthReport report, ObjectProvider<FailoverHistory> failoverHistory, Duration cacheTimeToLive) {
		this.connectionDetails = connectionDetails;
		this.probe = probe;
		this.report = report;
		this.failoverHistory = failoverHistory;
		this.checks = new CachedCheck<>(this::check, cacheTimeToLive);
	}

	@Override
	public Health health() {
		return checked().health();
	}

	/**
	 * Return the replicas as the last check saw them (checking again when the result is
	 * stale), for the replica gauges.
	 * @return the replicas, {@code null} when unknown: not in Sentinel mode, or the check
	 * failed
	 */
	@Nullable ReplicaSnapshot replicas() {
		return checked().replicas();
	}

	private Checked checked() {
		return this.checks.get();
	}

	private Checked check() {
		try {
			Sentinel sentinel = this.connectionDetails.getSentinel();
			if (sentinel != null) {
				return checkSentinels(sentinel);
			}
			Standalone standalone = this.connectionDetails.getStandalone();
			NodeAnswer node = this.probe.observeNode(new RedisEndpoint(standalone.getHost(), standalone.getPort()));
			return new Checked(this.report.standalone(node, Instant.now()), null);
		}
		catch (RuntimeException ex) {
			// never Boot's Health.down(ex): its message is not ours to vouch for
			return new Checked(Health.down().withDetail("error", RedisFailures.describe(ex)).build(), null);
		}
	}

	private Checked checkSentinels(Sentinel sentinel) {
		FailoverHistory history = this.failoverHistory.getIfAvailable();
		RedisEndpoint clientMaster = (history != null) ? history.currentMaster().orElse(null) : null;
		RedisEndpoint known = (this.lastKnownMaster != null) ? this.lastKnownMaster : clientMaster;
		SentinelObservation observation = this.probe.observeSentinels(sentinel, known);
		NodeAnswer master = observation.master();
		if (master != null && master.isMaster() && observation.masterFromSentinels()) {
			RedisEndpoint previous = this.lastKnownMaster;
			if (previous != null && !previous.equals(master.endpoint())) {
				this.observedSwitch = new MasterSwitch(sentinel.getMaster(), previous, master.endpoint(),
						Instant.now());
			}
			this.lastKnownMaster = master.endpoint();
		}
		MasterSwitch lastSwitch = (history != null) ? history.lastSwitch().orElse(null) : null;
		String source = "failover-listener";
		if (lastSwitch == null) {
			lastSwitch = this.observedSwitch;
			source = "health-check";
		}
		return new Checked(this.report.sentinel(observation, lastSwitch, source, clientMaster, Instant.now()),
				this.report.replicas(observation));
	}

	boolean isSentinelMode() {
		return RedisMode.of(this.connectionDetails) == RedisMode.SENTINEL;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.checks.warmUp();
	}

	@Override
	public void destroy() {
		this.probe.close();
	}

	private record Checked(Health health, @Nullable ReplicaSnapshot replicas) {
	}

}
