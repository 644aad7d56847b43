package io.github.redisha.cluster;

import java.time.Duration;

import io.github.redisha.internal.ClusterNodes;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;

/**
 * Lettuce's cluster options, on top of what Boot set. When the application set no refresh
 * of its own ({@code spring.data.redis.lettuce.cluster.refresh.*}), the slot map is
 * reloaded on every adaptive trigger (MOVED, ASK, persistent reconnects, uncovered slot,
 * unknown node) at most every 5 s, and every 60 s in any case: the failover engine
 * reloads it at once after a primary switch, these are the safety net for what it does
 * not watch (resharding, added nodes). Failing replicas are left out of the slot map, so
 * reads do not go to them.
 *
 * @author redis-ha
 */
final class ClusterClientOptionsCustomizer implements LettuceClientOptionsBuilderCustomizer {

	static final Duration ADAPTIVE_REFRESH_MIN_INTERVAL = Duration.ofSeconds(5);

	static final Duration PERIODIC_REFRESH = Duration.ofSeconds(60);

	@Override
	public void customize(ClientOptions.Builder builder) {
		if (!(builder instanceof ClusterClientOptions.Builder cluster)) {
			return;
		}
		ClusterClientOptions current = cluster.build();
		ClusterTopologyRefreshOptions refresh = current.getTopologyRefreshOptions();
		if (!refresh.isPeriodicRefreshEnabled()) {
			cluster.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_MIN_INTERVAL)
				.enablePeriodicRefresh(PERIODIC_REFRESH)
				.dynamicRefreshSources(refresh.useDynamicRefreshSources())
				.closeStaleConnections(true)
				.build());
		}
		cluster.nodeFilter(current.getNodeFilter().and(ClusterClientOptionsCustomizer::isServing));
	}

	/**
	 * Whether a node may be in the client's slot map: not a failing replica. Primaries
	 * stay, failing or not: a failing one's slots would have no node at all until the
	 * failover, and an old primary's connection still carries the commands queued for it
	 * (redirected to its successor), which closing it as stale would fail.
	 * @param node the node
	 * @return whether to keep it
	 */
	static boolean isServing(RedisClusterNode node) {
		return ClusterNodes.isPrimary(node.getFlags()) || !ClusterNodes.isFailing(node.getFlags());
	}

}
