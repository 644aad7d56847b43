package io.github.redisha.routing;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Read routing, bound from {@code redis.read-from} or the {@code REDIS_READ_FROM}
 * environment variable.
 *
 * @author redis-ha
 */
@ConfigurationProperties("redis")
public class RedisRoutingProperties {

	/**
	 * Where reads go: upstream (the master, the default), upstream-preferred, replica,
	 * replica-preferred, any, any-replica, lowest-latency, or subnet:CIDR[,CIDR] /
	 * regex:PATTERN to pick nodes by address. Writes, transactions and Pub/Sub always go
	 * to the master. Overrides spring.data.redis.lettuce.read-from.
	 */
	private @Nullable String readFrom;

	public @Nullable String getReadFrom() {
		return this.readFrom;
	}

	public void setReadFrom(@Nullable String readFrom) {
		this.readFrom = readFrom;
	}

}
