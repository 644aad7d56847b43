package io.github.redisha.failover;

import java.time.Duration;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Failover and reconnect settings, bound from {@code redis.failover.*} or the equivalent
 * {@code REDIS_FAILOVER_*} environment variables
 * ({@code REDIS_FAILOVER_RECONNECT_DELAY_MAX} binds to
 * {@code redis.failover.reconnect-delay-max}), and checked once bound.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@ConfigurationProperties("redis.failover")
public class RedisFailoverProperties implements InitializingBean {

	static final Setting RECONNECT_DELAY_MIN = Setting.of("redis.failover.reconnect-delay-min");

	static final Setting RECONNECT_DELAY_MAX = Setting.of("redis.failover.reconnect-delay-max");

	static final Setting RECONNECT_HOLD_MAX = Setting.of("redis.failover.reconnect-hold-max");

	static final Setting CHECK_INTERVAL = Setting.of("redis.failover.check-interval");

	static final Setting PROBE_TIMEOUT = Setting.of("redis.failover.probe-timeout");

	static final Setting SAFE_WRITE_REPLICAS = Setting.of("redis.failover.safe-write.replicas");

	static final Setting SAFE_WRITE_TIMEOUT = Setting.of("redis.failover.safe-write.timeout");

	/**
	 * Whether redis-ha manages reconnects and follows failovers: in Sentinel mode it
	 * listens to the sentinels, in cluster mode it watches the shards, and it moves the
	 * client to a new master as soon as one is verified. False leaves Lettuce's defaults
	 * (no listener, no fencing, Lettuce's reconnect delay).
	 */
	private boolean enabled = true;

	/**
	 * Delay before the first reconnect attempt. It doubles per failed attempt, drawn at
	 * random from the upper half, up to redis.failover.reconnect-delay-max.
	 */
	private Duration reconnectDelayMin = Duration.ofMillis(10);

	/**
	 * Longest delay between two reconnect attempts.
	 */
	private Duration reconnectDelayMax = Duration.ofSeconds(1);

	/**
	 * Longest time redis-ha holds connects and commands back while a failover decides
	 * where they go; 0 never holds. Held are: a reconnect to a master the sentinels
	 * report down (in cluster mode: to a primary whose shard is watched; set it above the
	 * cluster-node-timeout plus 2s), the commands for a master being failed over (from
	 * +selected-slave until the switch), and a command Redis rejected without running it
	 * (READONLY, NOREPLICAS, LOADING, MASTERDOWN, TRYAGAIN, CLUSTERDOWN), which is sent
	 * again. All go to the new master as soon as it is verified; a READONLY write is sent
	 * once more even with 0.
	 */
	private Duration reconnectHoldMax = Duration.ofSeconds(5);

	/**
	 * How often the sentinels are asked for the master (and fenced old masters for their
	 * role) in case an event was missed; in cluster mode, how often one node is asked
	 * CLUSTER NODES.
	 */
	private Duration checkInterval = Duration.ofSeconds(1);

	/**
	 * Timeout of the commands redis-ha itself sends to the sentinels and the data nodes
	 * (SENTINEL, ROLE, CLUSTER NODES) to find and verify the master.
	 */
	private Duration probeTimeout = Duration.ofMillis(500);

	/**
	 * Idle time before TCP keepalive probes are sent on Redis connections; 0 turns
	 * keepalive off. Probes follow every third of this, three times, before the
	 * connection is dropped (needs a transport with extended keepalive support, as on
	 * Linux).
	 */
	private Duration tcpKeepAlive = Duration.ofSeconds(15);

	/**
	 * How long sent data may stay unacknowledged before the connection is dropped
	 * (TCP_USER_TIMEOUT); 0 turns it off. Only applied with Netty's native epoll or
	 * io_uring transport on the class path.
	 */
	private Duration tcpUserTimeout = Duration.ofSeconds(20);

	/**
	 * Whether a write rejected with READONLY (it reached a replica, typically a demoted
	 * master) is sent again to the master once redis-ha re-resolved it. A rejected write
	 * was not executed, so this is safe; commands inside MULTI/EXEC are never retried.
	 */
	private boolean readOnlyRetry = true;

	private final SafeWrite safeWrite = new SafeWrite();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getReconnectDelayMin() {
		return this.reconnectDelayMin;
	}

	public void setReconnectDelayMin(Duration reconnectDelayMin) {
		this.reconnectDelayMin = reconnectDelayMin;
	}

	public Duration getReconnectDelayMax() {
		return this.reconnectDelayMax;
	}

	public void setReconnectDelayMax(Duration reconnectDelayMax) {
		this.reconnectDelayMax = reconnectDelayMax;
	}

	public Duration getReconnectHoldMax() {
		return this.reconnectHoldMax;
	}

	public void setReconnectHoldMax(Duration reconnectHoldMax) {
		this.reconnectHoldMax = reconnectHoldMax;
	}

	public Duration getCheckInterval() {
		return this.checkInterval;
	}

	public void setCheckInterval(Duration checkInterval) {
		this.checkInterval = checkInterval;
	}

	public Duration getProbeTimeout() {
		return this.probeTimeout;
	}

	public void setProbeTimeout(Duration probeTimeout) {
		this.probeTimeout = probeTimeout;
	}

	public Duration getTcpKeepAlive() {
		return this.tcpKeepAlive;
	}

	public void setTcpKeepAlive(Duration tcpKeepAlive) {
		this.tcpKeepAlive = tcpKeepAlive;
	}

	public Duration getTcpUserTimeout() {
		return this.tcpUserTimeout;
	}

	public void setTcpUserTimeout(Duration tcpUserTimeout) {
		this.tcpUserTimeout = tcpUserTimeout;
	}

	public boolean isReadOnlyRetry() {
		return this.readOnlyRetry;
	}

	public void setReadOnlyRetry(boolean readOnlyRetry) {
		this.readOnlyRetry = readOnlyRetry;
	}

	public SafeWrite getSafeWrite() {
		return this.safeWrite;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Check the settings against each other and their ranges.
	 * @throws RedisHaConfigurationException naming the first invalid setting
	 */
	public void validate() {
		RECONNECT_DELAY_MIN.requirePositive(this.reconnectDelayMin, positiveDuration(RECONNECT_DELAY_MIN));
		RECONNECT_DELAY_MAX.requirePositive(this.reconnectDelayMax, positiveDuration(RECONNECT_DELAY_MAX));
		if (this.reconnectDelayMax.compareTo(this.reconnectDelayMin) < 0) {
			throw RECONNECT_DELAY_MAX.reject(this.reconnectDelayMax,
					"must be at least " + RECONNECT_DELAY_MIN + ", which is " + Setting.render(this.reconnectDelayMin),
					"Set " + RECONNECT_DELAY_MAX.variable() + " to at least " + RECONNECT_DELAY_MIN.variable()
							+ ", e.g. 1s and 10ms.");
		}
		CHECK_INTERVAL.requirePositive(this.checkInterval, positiveDuration(CHECK_INTERVAL));
		PROBE_TIMEOUT.requirePositive(this.probeTimeout, positiveDuration(PROBE_TIMEOUT));
		RECONNECT_HOLD_MAX.requireNotNegative(this.reconnectHoldMax,
				"Set it to 0 to never hold reconnects, or to a duration such as 5s.");
		if (this.safeWrite.getReplicas() < 0) {
			throw SAFE_WRITE_REPLICAS.reject(this.safeWrite.getReplicas(), "must be 0 or more",
					"Set it to the number of replicas a write must reach before it is acknowledged, or 0 to switch safe writes off.");
		}
		if (this.safeWrite.getReplicas() > 0) {
			SAFE_WRITE_TIMEOUT.requirePositive(this.safeWrite.getTimeout(), positiveDuration(SAFE_WRITE_TIMEOUT));
		}
	}

	private static String positiveDuration(Setting setting) {
		return "Set " + setting.variable() + " to a positive duration, e.g. 500ms or 1s.";
	}

	/**
	 * Opt-in: acknowledge a write only once it reached enough replicas to survive a
	 * failover.
	 */
	public static class SafeWrite {

		/**
		 * How many replicas must have a write before it is acknowledged (WAIT after each
		 * write); 0 switches safe writes off. A write that does not reach them within
		 * redis.failover.safe-write.timeout fails with UnconfirmedWriteException: it was
		 * applied on the master, but may be lost in a failover.
		 */
		private int replicas = 0;

		/**
		 * How long a safe write waits for its replicas before it fails.
		 */
		private Duration timeout = Duration.ofMillis(500);

		public int getReplicas() {
			return this.replicas;
		}

		public void setReplicas(int replicas) {
			this.replicas = replicas;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
