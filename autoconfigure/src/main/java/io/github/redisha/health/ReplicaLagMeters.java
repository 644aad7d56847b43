package io.github.redisha.health;

import io.github.redisha.internal.BoundMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * Replication gauges read from the Sentinel-aware health check's typed
 * {@link ReplicaSnapshot}, so a scrape costs at most one bounded, cached check and
 * metrics agree with {@code /actuator/health}. Bound the one way every redis-ha
 * {@code *Meters} binds ({@link BoundMeters}). No replica address becomes a tag: the
 * largest lag is what alerts need, the health details name the replica.
 *
 * @author redis-ha
 */
final class ReplicaLagMeters implements MeterBinder {

	static final String LAG = "redis.replica.lag";

	static final String HEALTHY = "redis.replicas.healthy";

	private final BoundMeters meters = new BoundMeters();

	private final ObjectProvider<HealthContributor> contributor;

	private volatile boolean registered;

	ReplicaLagMeters(ObjectProvider<HealthContributor> contributor) {
		this.contributor = contributor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// only the Sentinel-aware indicator in Sentinel mode knows replicas
		if (!this.registered && this.contributor.getIfAvailable() instanceof SentinelAwareRedisHealthIndicator indicator
				&& indicator.isSentinelMode()) {
			this.registered = true;
			this.meters.register((each) -> Gauge.builder(LAG, indicator, ReplicaLagMeters::largestLagSeconds)
				.description("Largest replication lag of a replica the master reports (NaN when unknown)")
				.baseUnit("seconds")
				.register(each));
			this.meters.register((each) -> Gauge.builder(HEALTHY, indicator, ReplicaLagMeters::healthyReplicas)
				.description("Replicas online, in sync and within redis.health.max-replica-lag")
				.register(each));
		}
		this.meters.bindTo(registry);
	}

	static double largestLagSeconds(SentinelAwareRedisHealthIndicator indicator) {
		ReplicaSnapshot replicas = indicator.replicas();
		return (replicas != null) ? replicas.largestLagSeconds() : Double.NaN;
	}

	static double healthyReplicas(SentinelAwareRedisHealthIndicator indicator) {
		ReplicaSnapshot replicas = indicator.replicas();
		return (replicas != null) ? replicas.healthy() : Double.NaN;
	}

}
