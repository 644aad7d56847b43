package io.github.redisha.failover.internal;

import io.github.redisha.RedisEndpoint;

/**
 * Re-resolves the master when a node turned out to be a replica ({@code READONLY}).
 *
 * @author redis-ha
 */
public interface MasterResolver {

	void readOnlyFrom(RedisEndpoint node);

}
