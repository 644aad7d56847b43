package io.github.redisha.health;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * Replication gauges read from the Sentinel-aware health check, so a scrape costs at most
 * one bounded, cached check and metrics agree with {@code /actuator/health}. No replica
 * address becomes a tag: the largest lag is what alerts need, the health details name the
 * replica.
 *
 * @author redis-ha
 */
final class ReplicaLagMeters implements MeterBinder {

	private final ObjectProvider<HealthContributor> contributor;

	private @Nullable SentinelAwareRedisHealthIndicator indicator;

	ReplicaLagMeters(ObjectProvider<HealthContributor> contributor) {
		this.contributor = contributor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!(this.contributor.getIfAvailable() instanceof SentinelAwareRedisHealthIndicator sentinelAware
				&& sentinelAware.isSentinelMode())) {
			// only the Sentinel-aware indicator in Sentinel mode knows replicas
			return;
		}
		this.indicator = sentinelAware;
		Gauge.builder("redis.replica.lag", this, ReplicaLagMeters::largestLagSeconds)
			.description("Largest replication lag of a replica the master reports (NaN when unknown)")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("redis.replicas.healthy", this, ReplicaLagMeters::healthyReplicas)
			.description("Replicas online, in sync and within redis.health.max-replica-lag")
			.register(registry);
	}

	double largestLagSeconds() {
		Object nodes = replicas().get("nodes");
		if (!(nodes instanceof Map<?, ?> byAddress)) {
			return Double.NaN;
		}
		return byAddress.values()
			.stream()
			.filter(Map.class::isInstance)
			.map((node) -> ((Map<?, ?>) node).get("lagSeconds"))
			.filter(Number.class::isInstance)
			.mapToDouble((lag) -> ((Number) lag).doubleValue())
			.max()
			.orElse(Double.NaN);
	}

	double healthyReplicas() {
		Object healthy = replicas().get("healthy");
		return (healthy instanceof Number number) ? number.doubleValue() : Double.NaN;
	}

	private Map<?, ?> replicas() {
		SentinelAwareRedisHealthIndicator indicator = this.indicator;
		Object replicas = (indicator != null) ? indicator.health().getDetails().get("replicas") : null;
		return (replicas instanceof Map<?, ?> map) ? map : Map.of();
	}

}
