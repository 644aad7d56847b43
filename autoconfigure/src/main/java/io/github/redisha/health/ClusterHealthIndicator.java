package io.github.redisha.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.RedisFailures;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Cluster;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Redis health in cluster mode, from the cluster itself rather than from the
 * application's connection: the cluster's state, its slot counts and each shard's primary
 * and replicas, as {@link ClusterHealthProbe} sees them within one bounded check. A
 * result is reused for the configured time, and concurrent requests share one check.
 *
 * @author redis-ha
 */
final class ClusterHealthIndicator implements HealthIndicator, SmartInitializingSingleton, DisposableBean {

	private final List<RedisEndpoint> seeds;

	private final ClusterHealthProbe probe;

	private final ClusterHealthReport report;

	private final CachedCheck<Health> checks;

	ClusterHealthIndicator(Cluster cluster, ClusterHealthProbe probe, ClusterHealthReport report,
			Duration cacheTimeToLive) {
		this.seeds = cluster.getNodes().stream().map((node) -> new RedisEndpoint(node.host(), node.port())).toList();
		this.probe = probe;
		this.report = report;
		this.checks = new CachedCheck<>(this::check, cacheTimeToLive);
	}

	@Override
	public Health health() {
		return this.checks.get();
	}

	private Health check() {
		try {
			return this.report.health(this.probe.observe(this.seeds), Instant.now());
		}
		catch (RuntimeException ex) {
			// never Boot's Health.down(ex): its message is not ours to vouch for
			return Health.down().withDetail("mode", "cluster").withDetail("error", RedisFailures.describe(ex)).build();
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.checks.warmUp();
	}

	@Override
	public void destroy() {
		this.probe.close();
	}

}
