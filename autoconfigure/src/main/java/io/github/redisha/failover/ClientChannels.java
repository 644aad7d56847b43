package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.ClusterChannels;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.failover.internal.SentinelChannels;
import io.github.redisha.internal.NodeReachability;
import io.github.redisha.internal.RedisMode;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The Netty channels of the application's Lettuce client, and what redis-ha knows about
 * the nodes they go to. Every channel carries a {@link FailoverChannelHandler} that
 * reports here and asks where a connect should go. The parts: {@link ChannelRegistry}
 * (the channels), {@link Fencing} (old masters), {@link Reachability} (dead nodes),
 * {@link ConnectRouting} (redirect and hold) and {@link RecoveryClock} (how long the
 * client was without its master). This class applies what the failover engine learns to
 * them.
 *
 * @author redis-ha
 */
final class ClientChannels implements NodeReachability {

	private static final Log logger = LogFactory.getLog(ClientChannels.class);

	static final AttributeKey<ChannelRole> ROLE = AttributeKey.valueOf("redis-ha.role");

	private final FailoverListeners listeners;

	private final ChannelRegistry channels = new ChannelRegistry();

	private final Fencing fencing = new Fencing();

	private final Reachability reachability = new Reachability();

	private final ConnectRouting routing = new ConnectRouting(this.fencing, this.reachability);

	private final RecoveryClock recovery;

	private final WriteHold writeHold = new WriteHold();

	private final AtomicReference<CompletableFuture<Void>> nextChange = new AtomicReference<>(
			new CompletableFuture<>());

	private volatile RedisMode mode = RedisMode.STANDALONE;

	private final SentinelClientSide sentinelSide;

	private final ClusterClientSide clusterSide;

	ClientChannels(FailoverListeners listeners) {
		this.listeners = listeners;
		this.recovery = new RecoveryClock(listeners);
		this.sentinelSide = new SentinelClientSide(this, this.channels, this.fencing, this.routing, this.recovery,
				this.writeHold);
		this.clusterSide = new ClusterClientSide(this, this.channels, this.fencing, this.routing, this.recovery);
	}

	/**
	 * What the Sentinel engine may do to these channels.
	 * @return the Sentinel side
	 */
	SentinelChannels sentinelSide() {
		return this.sentinelSide;
	}

	/**
	 * What the cluster engine may do to these channels.
	 * @return the cluster side
	 */
	ClusterChannels clusterSide() {
		return this.clusterSide;
	}

	void sentinelMode() {
		this.mode = RedisMode.SENTINEL;
	}

	void clusterMode() {
		this.mode = RedisMode.CLUSTER;
	}

	/**
	 * The mode of the engine that drives these channels; standalone when none does.
	 * @return the mode
	 */
	RedisMode mode() {
		return this.mode;
	}

	/**
	 * Where the application's connects go: redirected, held or as aimed.
	 * @return the routing
	 */
	ConnectRouting routing() {
		return this.routing;
	}

	FailoverListeners listeners() {
		return this.listeners;
	}

	/**
	 * The hold that applies to a channel to {@code address}: {@link WriteHold#on}.
	 * @param address where the channel goes
	 * @return completes when the hold ends; {@code null} when commands go through
	 */
	@Nullable CompletableFuture<Void> writeHold(InetSocketAddress address) {
		return this.writeHold.on(address);
	}

	boolean isFenced(InetSocketAddress address) {
		return this.fencing.isFenced(address);
	}

	/**
	 * Stop redirecting connects aimed at {@code node}.
	 * @param node an old master that is a replica now
	 * @return whether it was fenced
	 */
	boolean liftFence(RedisEndpoint node) {
		if (this.fencing.unfence(node)) {
			logger.info("redis-ha: " + node + " is a replica now; connections to it are no longer redirected");
			signalChange();
			return true;
		}
		return false;
	}

	Set<RedisEndpoint> fenced() {
		return this.fencing.nodes();
	}

	/**
	 * A sentinel reports a data node down ({@code +sdown}) or up again ({@code -sdown}).
	 * @param node the node
	 * @param down whether it is down
	 */
	void nodeReportedDown(RedisEndpoint node, boolean down) {
		if (this.reachability.reportedDown(node, down)) {
			if (down) {
				// a frozen replica keeps its connections open: close them so that reads
				// in flight on
				// them are sent again, to the master (see redirect)
				this.channels.closeTo(node, (this.mode == RedisMode.SENTINEL) ? "the sentinels report it down"
						: "the cluster flags it failing");
			}
			else {
				// back: connections that were sent elsewhere meanwhile return to it
				this.channels.closeRedirectedAwayFrom(node);
			}
		}
	}

	/**
	 * A replica answered a read with {@code LOADING} or {@code MASTERDOWN}: it cannot
	 * serve reads yet. Until it answers a probe again, read routing skips it and connects
	 * aimed at it go to the master (the shard's primary), as for a replica that refused a
	 * connect; its channels are closed so that the reads on them are sent there.
	 * @param node the replica
	 * @param code the rejection
	 * @return whether its reads go elsewhere now; {@code false} for a master, whose
	 * commands wait for it, and for {@code MASTERDOWN} while the master itself is failing
	 * (the replica is re-attached to the new one soon)
	 */
	boolean replicaNotReady(InetSocketAddress node, String code) {
		if (isMaster(node) || ("MASTERDOWN".equals(code) && !this.routing.masterServing(node))) {
			return false;
		}
		this.reachability.connectRefused(node);
		this.channels.closeTo(NodeAddresses.endpoint(node), "it answered " + code + " to a read");
		return true;
	}

	/**
	 * Completes at the next change of what is known about the master.
	 * @return a future completed at the next change
	 */
	CompletableFuture<Void> nextChange() {
		return this.nextChange.get();
	}

	void signalChange() {
		this.nextChange.getAndSet(new CompletableFuture<>()).complete(null);
	}

	boolean isSentinel(SocketAddress address) {
		return (address instanceof InetSocketAddress inet) && this.sentinelSide.isSentinel(inet);
	}

	void channelActive(Channel channel, ChannelRole role) {
		this.channels.add(channel);
		this.reachability.reached(role.actual());
	}

	/**
	 * Nodes that refused a connect and have not been reached since; the engine probes
	 * them.
	 * @return the refused nodes
	 */
	Set<RedisEndpoint> refusedNodes() {
		return this.reachability.refusedNodes();
	}

	/**
	 * A node that refused connects answers again: route to it again.
	 * @param node the node that answers
	 */
	void nodeAnswered(RedisEndpoint node) {
		if (this.reachability.answered(node)) {
			this.channels.closeRedirectedAwayFrom(node);
		}
	}

	void channelInactive(Channel channel, ChannelRole role) {
		this.channels.remove(channel);
		if (!role.closedLocally && !role.closedByFailover) {
			// dropped by the peer or the network
			this.reachability.dropped(role.actual());
			if (isMaster(role.actual())) {
				this.recovery.failureSeen();
			}
			this.clusterSide.nodeLost(role.actual());
		}
	}

	void connectFailed(InetSocketAddress target) {
		this.reachability.connectRefused(target);
		if (isMaster(target)) {
			this.recovery.failureSeen();
		}
		this.clusterSide.nodeLost(target);
	}

	/**
	 * A reply arrived on a channel: the client may have recovered, see
	 * {@link RecoveryClock}.
	 * @param role the role of the channel
	 */
	void replyReceived(ChannelRole role) {
		if (this.recovery.failureOpen() && isMaster(role.actual())) {
			this.recovery.masterReplied(role.activeSince);
		}
	}

	boolean failureOpen() {
		return this.recovery.failureOpen();
	}

	/**
	 * A write on a channel to {@code node} was answered with {@code READONLY}: the node
	 * is a replica. Fence it, have the master re-resolved, and close the channels to it.
	 * @param node the node that answered
	 */
	void readOnlyFrom(InetSocketAddress node) {
		RedisEndpoint endpoint = NodeAddresses.endpoint(node);
		this.recovery.failureSeen();
		if (this.fencing.fence(endpoint)) {
			logger.warn("redis-ha: " + endpoint + " answered READONLY (it is a replica now); re-resolving the master");
			signalChange();
		}
		this.sentinelSide.readOnlyFrom(endpoint);
		this.channels.closeTo(endpoint, "it answered READONLY");
	}

	private boolean isMaster(InetSocketAddress address) {
		return this.routing.isMaster(address, this.mode);
	}

	@Override
	public boolean isUnreachable(String host, int port) {
		return this.reachability.isUnreachable(host, port);
	}

	@Override
	public boolean anyUnreachable() {
		return this.reachability.anyUnreachable();
	}

}
