package io.github.redisha.connection;

import java.time.Duration;

import io.github.redisha.internal.Setting;

/**
 * Re-reading of the credential files (redis.password-file and the other *-file settings).
 *
 * @author redis-ha
 * @since 0.2.0
 */
public class RedisCredentialsProperties {

	static final Setting REFRESH_INTERVAL = Setting.of("redis.credentials.refresh-interval");

	/**
	 * How often the credential files are re-read besides the file watch, which misses
	 * some changes (a Kubernetes secret volume swaps a symlink; some file systems send no
	 * events).
	 */
	private Duration refreshInterval = Duration.ofSeconds(5);

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	void validate() {
		REFRESH_INTERVAL.requirePositive(this.refreshInterval,
				"Set " + REFRESH_INTERVAL.variable() + " to how often the credential files are re-read, e.g. 5s.");
	}

}
