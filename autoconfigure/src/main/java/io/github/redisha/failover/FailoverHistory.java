package io.github.redisha.failover;

import java.time.Instant;
import java.util.Optional;

import io.github.redisha.RedisEndpoint;

/**
 * What the application has seen of master switches in Sentinel mode. Read by the health
 * indicator; provided by the Sentinel event listener.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public interface FailoverHistory {

	/**
	 * The most recent master switch seen since startup, if any.
	 * @return the last switch
	 */
	Optional<MasterSwitch> lastSwitch();

	/**
	 * The master the client currently writes to, as last verified with {@code ROLE}.
	 * @return the current master, empty before the first verification
	 */
	Optional<RedisEndpoint> currentMaster();

	/**
	 * A master switch.
	 *
	 * @param masterName the monitored master name
	 * @param from the old master
	 * @param to the new master
	 * @param at when the client learned of the new master
	 */
	record MasterSwitch(String masterName, RedisEndpoint from, RedisEndpoint to, Instant at) {

	}

}
