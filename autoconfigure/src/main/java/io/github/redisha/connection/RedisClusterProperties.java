package io.github.redisha.connection;

import java.util.ArrayList;
import java.util.List;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;

/**
 * Redis Cluster mode, {@code redis.cluster.*} ({@code REDIS_CLUSTER_*}): the seed nodes
 * the client learns the cluster's topology from, and how many {@code MOVED}/{@code ASK}
 * redirects one command may follow.
 *
 * @author redis-ha
 * @since 0.2.0
 */
public class RedisClusterProperties {

	static final Setting ENABLED = Setting.of("redis.cluster.enabled");

	static final Setting NODES = Setting.of("redis.cluster.nodes");

	static final Setting MAX_REDIRECTS = Setting.of("redis.cluster.max-redirects");

	/**
	 * Whether to connect to a Redis Cluster through the seeds in redis.cluster.nodes. Not
	 * together with redis.sentinel.enabled.
	 */
	private boolean enabled = false;

	/**
	 * Seed nodes of the cluster as a comma-separated list of host:port pairs, IPv6 in
	 * brackets ([::1]:7000). Required in cluster mode; a few seeds are enough, the client
	 * learns the other nodes from the cluster.
	 */
	private List<String> nodes = new ArrayList<>();

	/**
	 * How many MOVED/ASK redirects one command may follow before it fails; 0 follows
	 * none. Passed on as spring.data.redis.cluster.max-redirects unless that is set.
	 */
	private int maxRedirects = 5;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getNodes() {
		return this.nodes;
	}

	public void setNodes(List<String> nodes) {
		this.nodes = nodes;
	}

	public int getMaxRedirects() {
		return this.maxRedirects;
	}

	public void setMaxRedirects(int maxRedirects) {
		this.maxRedirects = maxRedirects;
	}

	/**
	 * Check the cluster settings against each other and the rest of the connection. The
	 * node list is checked as it is parsed.
	 * @param sentinelEnabled whether Sentinel mode is on too
	 * @param database the configured database index
	 * @throws RedisHaConfigurationException naming the first invalid setting
	 */
	void validate(boolean sentinelEnabled, int database) {
		if (this.maxRedirects < 0) {
			throw MAX_REDIRECTS.reject(this.maxRedirects, "must be 0 or more", "Set " + MAX_REDIRECTS.variable()
					+ " to how many MOVED/ASK redirects a command may follow, " + "e.g. 5 (the default).");
		}
		if (!this.enabled) {
			return;
		}
		if (sentinelEnabled) {
			throw new RedisHaConfigurationException(
					"Both " + ENABLED + " and " + RedisHaProperties.SENTINEL_ENABLED
							+ " are true: a connection is either to a Redis Cluster or through Sentinel.",
					"Set REDIS_CLUSTER_ENABLED=true with REDIS_CLUSTER_NODES for a cluster, or "
							+ "REDIS_SENTINEL_ENABLED=true with REDIS_SENTINELS for Sentinel, not both.");
		}
		if (database != 0) {
			throw RedisHaProperties.DATABASE.reject(database, "a Redis Cluster has only database 0",
					"Remove " + RedisHaProperties.DATABASE.variable() + " (or set it to 0) in cluster mode.");
		}
	}

}
