package io.github.redisha.failover.internal;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverListener;
import org.jspecify.annotations.Nullable;

/**
 * What the cluster failover engine may do to the application's channels: the same
 * fencing, connect routing and recovery clock the Sentinel engine uses, with one
 * successor per old primary instead of one master. Implemented by the failover package's
 * client side; not API.
 *
 * @author redis-ha
 */
public interface ClusterChannels extends EngineChannels {

	/**
	 * The listeners every failover observation goes to (meters, application beans).
	 * @return the listeners
	 */
	FailoverListener listeners();

	/**
	 * Turn on cluster behaviour.
	 * @param nodeLost told, on Lettuce's I/O threads, of every data node whose connection
	 * dropped or refused a connect
	 */
	void clusterMode(Consumer<RedisEndpoint> nodeLost);

	/**
	 * The shards as last seen: replies from their primaries end a recovery, and a connect
	 * to a replica that refused one or that the cluster flags failing goes to its
	 * primary, so that reads in flight on it are answered.
	 * @param primaryOf every node of a shard (primary and replicas) to its primary
	 */
	void shards(Map<RedisEndpoint, RedisEndpoint> primaryOf);

	/**
	 * A primary stopped answering: the recovery clock starts, and connects to it wait
	 * until {@link #primarySwitched} or {@link #primaryAnswering}.
	 * @param primary the primary
	 */
	void primaryFailing(RedisEndpoint primary);

	/**
	 * The watch of a failing primary ended without a switch (it answers again, or no
	 * replica was promoted in time): connects to it go ahead.
	 * @param primary the primary
	 */
	void primaryAnswering(RedisEndpoint primary);

	/**
	 * A replica took over a primary's slots: fence the old primary, send connects aimed
	 * at it to the new one and close its channels, so that the commands queued or in
	 * flight on them are sent again, to the new primary.
	 * @param shard the shard's description, e.g. {@code slots 0-5460}
	 * @param from the old primary
	 * @param to the new primary
	 * @param failoverDuration from the first sign of the failure to the switch, if seen
	 * @return the number of channels closed
	 */
	int primarySwitched(String shard, RedisEndpoint from, RedisEndpoint to, @Nullable Duration failoverDuration);

	/**
	 * An old primary answers {@code ROLE} as a replica: lift its fence, so that new
	 * connects reach it again. Channels redirected away from it stay where they are until
	 * {@link #reconnectRedirected}.
	 * @param node the node
	 * @return whether it was fenced
	 */
	boolean liftFence(RedisEndpoint node);

	/**
	 * Close the channels that were redirected away from {@code node}, so that they
	 * reconnect to it.
	 * @param node the node
	 */
	void reconnectRedirected(RedisEndpoint node);

}
