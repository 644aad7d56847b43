package io.github.redisha.connection;

import java.time.Duration;

/**
 * Verification of the topology and credentials while the application starts.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public class RedisStartupCheckProperties {

	/**
	 * Whether to stop the start with a clear message when Redis (or every sentinel, or
	 * every cluster seed) is unreachable, a password is rejected, the sentinels do not
	 * know the master name, the database does not exist or the seeds are not in cluster
	 * mode. Set to false for a service that must start while Redis is down, such as one
	 * that only caches.
	 */
	private boolean enabled = true;

	/**
	 * How long each node may take to answer the startup check.
	 */
	private Duration timeout = Duration.ofSeconds(2);

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

}
