package io.github.redisha.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * How the application connects to Redis, decided once from the connection details, in
 * Spring Boot's order of precedence ({@code DataRedisConnectionConfiguration}): Sentinel,
 * then cluster, else standalone (a static master/replica setup counts as standalone here:
 * redis-ha follows no failover in it). Every part that behaves differently per mode reads
 * this instead of looking at the details itself.
 *
 * @author redis-ha
 */
public enum RedisMode {

	/** One Redis server (or a static master/replica setup). */
	STANDALONE,

	/** A master and replicas found through Redis Sentinel. */
	SENTINEL,

	/** A Redis Cluster. */
	CLUSTER;

	/**
	 * The mode the connection details describe.
	 * @param details the connection details, if any
	 * @return the mode; {@link #STANDALONE} without details
	 */
	public static RedisMode of(@Nullable DataRedisConnectionDetails details) {
		if (details == null) {
			return STANDALONE;
		}
		if (details.getSentinel() != null) {
			return SENTINEL;
		}
		return (details.getCluster() != null) ? CLUSTER : STANDALONE;
	}

	/**
	 * The mode as meters and health details name it.
	 * @return {@code standalone}, {@code sentinel} or {@code cluster}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
