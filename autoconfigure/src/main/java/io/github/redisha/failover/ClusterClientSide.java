package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.ClusterChannels;
import io.github.redisha.failover.internal.FailoverListeners;
import org.jspecify.annotations.Nullable;

/**
 * What the cluster engine does to the application's channels: the same fencing, connect
 * routing and recovery clock as Sentinel mode, addressed per shard.
 *
 * @author redis-ha
 */
final class ClusterClientSide implements ClusterChannels {

	private final ClientChannels owner;

	private final ChannelRegistry channels;

	private final Fencing fencing;

	private final ConnectRouting routing;

	private final RecoveryClock recovery;

	private volatile @Nullable Consumer<RedisEndpoint> nodeLost;

	ClusterClientSide(ClientChannels owner, ChannelRegistry channels, Fencing fencing, ConnectRouting routing,
			RecoveryClock recovery) {
		this.owner = owner;
		this.channels = channels;
		this.fencing = fencing;
		this.routing = routing;
		this.recovery = recovery;
	}

	@Override
	public FailoverListeners listeners() {
		return this.owner.listeners();
	}

	@Override
	public void clusterMode(Consumer<RedisEndpoint> nodeLost) {
		this.nodeLost = nodeLost;
		this.owner.clusterMode();
	}

	/**
	 * A data node's connection dropped or refused a connect: in cluster mode, the engine
	 * hears of it at once.
	 * @param node the node
	 */
	void nodeLost(InetSocketAddress node) {
		Consumer<RedisEndpoint> listener = this.nodeLost;
		if (listener != null) {
			if (this.routing.isShardPrimary(node)) {
				// hold Lettuce's first reconnect already, before the engine's thread runs
				this.routing.primaryFailing(NodeAddresses.endpoint(node), true);
			}
			listener.accept(NodeAddresses.endpoint(node));
		}
	}

	@Override
	public void shards(Map<RedisEndpoint, RedisEndpoint> primaryOf) {
		this.routing.shards(primaryOf);
	}

	@Override
	public void primaryFailing(RedisEndpoint primary) {
		this.recovery.failureSeen();
		this.routing.primaryFailing(primary, true);
	}

	@Override
	public void primaryAnswering(RedisEndpoint primary) {
		if (this.routing.primaryFailing(primary, false)) {
			this.owner.signalChange();
		}
	}

	@Override
	public int primarySwitched(String shard, RedisEndpoint from, RedisEndpoint to,
			@Nullable Duration failoverDuration) {
		this.fencing.fence(from, to);
		this.fencing.unfence(to);
		this.routing.primaryFailing(from, false);
		this.recovery.failureSeen();
		this.owner.signalChange();
		int closed = this.channels.closeTo(from, "its slots moved to " + to);
		this.owner.listeners()
			.masterSwitched(new FailoverHistory.MasterSwitch(shard, from, to, Instant.now()), failoverDuration);
		return closed;
	}

	@Override
	public boolean liftFence(RedisEndpoint node) {
		return this.owner.liftFence(node);
	}

	@Override
	public void reconnectRedirected(RedisEndpoint node) {
		this.channels.closeRedirectedAwayFrom(node);
	}

	@Override
	public Set<RedisEndpoint> fenced() {
		return this.owner.fenced();
	}

	@Override
	public void nodeReportedDown(RedisEndpoint node, boolean down) {
		this.owner.nodeReportedDown(node, down);
	}

	@Override
	public Set<RedisEndpoint> refusedNodes() {
		return this.owner.refusedNodes();
	}

	@Override
	public void nodeAnswered(RedisEndpoint node) {
		this.owner.nodeAnswered(node);
	}

}
