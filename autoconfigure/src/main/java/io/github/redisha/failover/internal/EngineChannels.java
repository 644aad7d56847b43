package io.github.redisha.failover.internal;

import java.util.Set;

import io.github.redisha.RedisEndpoint;

/**
 * What every engine may do to the application's channels, whatever it follows: the nodes
 * it fenced or that refused connects, and the nodes its topology reports down. Extended
 * by {@link SentinelChannels} and {@link ClusterChannels}; not API.
 *
 * @author redis-ha
 */
public interface EngineChannels {

	/**
	 * The fenced old masters (cluster: old primaries).
	 * @return the nodes
	 */
	Set<RedisEndpoint> fenced();

	/**
	 * The topology reports a data node down (a sentinel's {@code +sdown}, the cluster's
	 * {@code fail?}/{@code fail}) or up again: read routing skips it meanwhile and its
	 * channels are closed.
	 * @param node the node
	 * @param down whether it is down
	 */
	void nodeReportedDown(RedisEndpoint node, boolean down);

	/**
	 * Nodes that refused a connect and have not been reached since.
	 * @return the nodes
	 */
	Set<RedisEndpoint> refusedNodes();

	/**
	 * A node that refused connects answers again.
	 * @param node the node
	 */
	void nodeAnswered(RedisEndpoint node);

}
