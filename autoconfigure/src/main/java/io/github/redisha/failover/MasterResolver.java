package io.github.redisha.failover;

import io.github.redisha.connection.RedisEndpoint;

/**
 * Re-resolves the master when a node turned out to be a replica ({@code READONLY}).
 *
 * @author redis-ha
 */
interface MasterResolver {

	void readOnlyFrom(RedisEndpoint node);

}
