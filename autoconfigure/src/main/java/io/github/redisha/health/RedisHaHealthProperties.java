package io.github.redisha.health;

import java.time.Duration;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Health indicator settings for redis-ha, bound from {@code redis.health.*} properties or
 * the equivalent {@code REDIS_HEALTH_*} environment variables, and checked once bound.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@ConfigurationProperties("redis.health")
public class RedisHaHealthProperties implements InitializingBean {

	static final Setting TIMEOUT = Setting.of("redis.health.timeout");

	static final Setting CACHE_TIME_TO_LIVE = Setting.of("redis.health.cache-time-to-live");

	static final Setting DEGRADED_STATUS = Setting.of("redis.health.degraded-status");

	static final Setting MAX_REPLICA_LAG = Setting.of("redis.health.max-replica-lag");

	/**
	 * Whether redis-ha replaces Spring Boot's Redis health indicator with one that checks
	 * the master's role, the replicas, the sentinels and their quorum (in cluster mode,
	 * the cluster's state and shards). False keeps Spring Boot's.
	 */
	private boolean enabled = true;

	/**
	 * Time one health check may take altogether; keep it well under 1s. All nodes are
	 * asked in parallel, and a node that has not answered by then is reported as not
	 * answering.
	 */
	private Duration timeout = Duration.ofMillis(500);

	/**
	 * How long a health result is reused, so that frequent polling of the health endpoint
	 * does not hammer Redis. 0 checks on every request.
	 */
	private Duration cacheTimeToLive = Duration.ofSeconds(2);

	/**
	 * Status reported when Redis serves but is degraded: a sentinel or replica down, a
	 * replica lagging, the quorum lost. A custom status such as DEGRADED is ignored by
	 * Spring Boot's aggregate status unless management.endpoint.health.status.order lists
	 * it.
	 */
	private String degradedStatus = "UP";

	/**
	 * Replication lag beyond which a replica is reported as lagging (and no longer
	 * counted as healthy).
	 */
	private Duration maxReplicaLag = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

	public String getDegradedStatus() {
		return this.degradedStatus;
	}

	public void setDegradedStatus(String degradedStatus) {
		this.degradedStatus = degradedStatus;
	}

	public Duration getMaxReplicaLag() {
		return this.maxReplicaLag;
	}

	public void setMaxReplicaLag(Duration maxReplicaLag) {
		this.maxReplicaLag = maxReplicaLag;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Check the settings' ranges.
	 * @throws RedisHaConfigurationException naming the first invalid setting
	 */
	public void validate() {
		TIMEOUT.requirePositive(this.timeout,
				"Set " + TIMEOUT.variable() + " to how long one health check may take, e.g. 500ms.");
		CACHE_TIME_TO_LIVE.requireNotNegative(this.cacheTimeToLive,
				"Set " + CACHE_TIME_TO_LIVE.variable() + " to how long a health result may be reused, e.g. 2s, or 0.");
		if (!StringUtils.hasText(this.degradedStatus)) {
			throw DEGRADED_STATUS.reject(this.degradedStatus, "must name a status",
					"Set " + DEGRADED_STATUS.variable() + " to UP (the default) or to a status such as DEGRADED.");
		}
		MAX_REPLICA_LAG.requireNotNegative(this.maxReplicaLag,
				"Set " + MAX_REPLICA_LAG.variable() + " to the replication lag a replica may have, e.g. 10s.");
	}

}
