package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.redisha.connection.RedisEndpoint;
import io.github.redisha.internal.NodeReachability;

/**
 * The Netty channels of the application's Lettuce client, and what redis-ha knows about
 * the nodes they go to: the verified master, old masters that are fenced off, nodes that
 * cannot be reached. Every channel carries a {@link FailoverChannelHandler} that reports to
 * this registry and asks it where a connect should go.
 *
 * <p>
 * A connect aimed at a fenced old master is redirected to the verified master, so that
 * neither a sentinel that has not yet learned of the failover nor a node connection of a
 * Master/Replica topology sends anything to the old master. A reconnect to a master that
 * the sentinels report down is held back until the failover's outcome is known, and then
 * goes straight to the new master. A reconnect to a replica that refused a connect or that
 * the sentinels report down goes to the master, so that reads in flight on it are answered.
 *
 * @author redis-ha
 */
final class ClientChannels implements NodeReachability {

	private static final Log logger = LogFactory.getLog(ClientChannels.class);

	static final AttributeKey<ChannelRole> ROLE = AttributeKey.valueOf("redis-ha.role");

	private final FailoverListeners listeners;

	private final Set<Channel> dataChannels = ConcurrentHashMap.newKeySet();

	private final Set<RedisEndpoint> sentinels = ConcurrentHashMap.newKeySet();

	private final Set<RedisEndpoint> fenced = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<String, Boolean> unreachable = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Boolean> reportedDownBySentinel = new ConcurrentHashMap<>();

	/** Nodes a connect was refused by, until a channel to them is active or they answer a probe. */
	private final ConcurrentHashMap<String, RedisEndpoint> refused = new ConcurrentHashMap<>();

	private final AtomicReference<CompletableFuture<Void>> nextChange = new AtomicReference<>(new CompletableFuture<>());

	/** When the current failure began (nanoTime), 0 when none is open. */
	private final AtomicLong failureSince = new AtomicLong();

	private volatile @Nullable RedisEndpoint master;

	private volatile boolean masterReportedDown;

	private volatile boolean sentinelMode;

	private volatile @Nullable MasterResolver resolver;

	ClientChannels(FailoverListeners listeners) {
		this.listeners = listeners;
	}

	/**
	 * Turns on Sentinel behaviour: fencing, held reconnects and {@code READONLY} retries.
	 * @param sentinelEndpoints the configured sentinels, whose channels are left alone
	 * @param resolver asked to re-resolve the master after a {@code READONLY} reply
	 */
	void sentinelMode(List<RedisEndpoint> sentinelEndpoints, MasterResolver resolver) {
		this.sentinels.addAll(sentinelEndpoints);
		this.resolver = resolver;
		this.sentinelMode = true;
	}

	boolean isSentinelMode() {
		return this.sentinelMode;
	}

	FailoverListeners listeners() {
		return this.listeners;
	}

	// ---- what the failover monitor tells us

	/**
	 * The master was verified with {@code ROLE}.
	 * @param verified the master
	 */
	void masterVerified(RedisEndpoint verified) {
		this.master = verified;
		this.fenced.remove(verified);
		this.masterReportedDown = false;
		signalChange();
	}

	/**
	 * The client moves from {@code from} to {@code to}: fence {@code from} and close every
	 * channel to it, so that nothing more is sent there and queued commands are replayed
	 * on the new master.
	 * @param from the old master, if known
	 * @param to the new, verified master
	 * @return the number of channels closed
	 */
	int masterSwitched(@Nullable RedisEndpoint from, RedisEndpoint to) {
		if (from != null && !from.equals(to)) {
			this.fenced.add(from);
		}
		this.fenced.remove(to);
		this.master = to;
		this.masterReportedDown = false;
		markFailure();
		signalChange();
		return (from != null) ? closeChannels(from, "the master moved to " + to) : 0;
	}

	/**
	 * Whether the sentinels report the current master down or a failover of it in progress.
	 * Reconnects to it are then held back until the outcome is known.
	 * @param down whether it is reported down
	 */
	void masterReportedDown(boolean down) {
		if (down) {
			markFailure();
		}
		if (this.masterReportedDown != down) {
			this.masterReportedDown = down;
			signalChange();
		}
	}

	/**
	 * An old master now answers {@code ROLE} as a replica: stop redirecting connects aimed
	 * at it, and reconnect the channels that were redirected away from it.
	 * @param node the node
	 */
	void unfence(RedisEndpoint node) {
		if (this.fenced.remove(node)) {
			logger.info("redis-ha: " + node + " is a replica now; connections to it are no longer redirected");
			reconnectRedirectedAwayFrom(node);
			signalChange();
		}
	}

	private void reconnectRedirectedAwayFrom(RedisEndpoint node) {
		for (Channel channel : this.dataChannels) {
			ChannelRole role = channel.attr(ROLE).get();
			InetSocketAddress intended = (role != null) ? role.intended() : null;
			if (intended != null && matches(node, intended) && !matches(node, role.actual())) {
				role.closedByFailover = true;
				channel.close();
			}
		}
	}

	Set<RedisEndpoint> fenced() {
		return Set.copyOf(this.fenced);
	}

	/**
	 * A sentinel reports a data node down ({@code +sdown}) or up again ({@code -sdown}).
	 * @param node the node
	 * @param down whether it is down
	 */
	void nodeReportedDown(RedisEndpoint node, boolean down) {
		String key = key(node.host(), node.port());
		if (down) {
			if (this.reportedDownBySentinel.put(key, Boolean.TRUE) == null) {
				// a frozen replica keeps its connections open: close them so that reads in flight on
				// them are sent again, to the master (see redirect)
				closeChannels(node, "the sentinels report it down");
			}
		}
		else if (this.reportedDownBySentinel.remove(key) != null) {
			// back: connections that were sent elsewhere meanwhile return to it
			reconnectRedirectedAwayFrom(node);
		}
	}

	// ---- connect routing

	/**
	 * Where a connect aimed at {@code target} should go instead, if anywhere.
	 * @param target the address Lettuce wants to connect to
	 * @return the verified master when {@code target} is a fenced old master, or a replica
	 * that refused a connect or that the sentinels report down; else null
	 */
	@Nullable InetSocketAddress redirect(InetSocketAddress target) {
		RedisEndpoint current = this.master;
		if (current == null || matches(current, target)) {
			return null;
		}
		for (RedisEndpoint node : this.fenced) {
			if (matches(node, target)) {
				return new InetSocketAddress(current.host(), current.port());
			}
		}
		if (isReportedDown(target) || (!this.refused.isEmpty()
				&& this.refused.containsKey(key(hostOf(target), target.getPort())))) {
			// a replica that refused a connect or that the sentinels report down: reads that were in
			// flight on its connection are answered by the master instead of waiting for the replica;
			// read routing skips it meanwhile
			return new InetSocketAddress(current.host(), current.port());
		}
		return null;
	}

	private boolean isReportedDown(InetSocketAddress target) {
		return !this.reportedDownBySentinel.isEmpty()
				&& (this.reportedDownBySentinel.containsKey(key(hostOf(target), target.getPort()))
						|| this.reportedDownBySentinel.containsKey(key(target.getHostString(), target.getPort())));
	}

	/**
	 * Whether a connect to {@code target} should wait for news: it is the master and the
	 * sentinels report it down, or it is fenced and no other master is known yet.
	 * @param target the address
	 * @return whether to hold the connect
	 */
	boolean shouldHold(InetSocketAddress target) {
		RedisEndpoint current = this.master;
		if (current == null || !matches(current, target)) {
			return false;
		}
		return this.masterReportedDown || this.fenced.contains(current);
	}

	/**
	 * Completes at the next change of what is known about the master.
	 * @return the future
	 */
	CompletableFuture<Void> nextChange() {
		return this.nextChange.get();
	}

	private void signalChange() {
		this.nextChange.getAndSet(new CompletableFuture<>()).complete(null);
	}

	// ---- what the channels report

	boolean isSentinel(SocketAddress address) {
		if (!(address instanceof InetSocketAddress inet)) {
			return false;
		}
		for (RedisEndpoint sentinel : this.sentinels) {
			if (matches(sentinel, inet)) {
				return true;
			}
		}
		return false;
	}

	void channelActive(Channel channel, ChannelRole role) {
		this.dataChannels.add(channel);
		removeUnreachable(role.actual());
		if (!this.refused.isEmpty()) {
			this.refused.remove(key(hostOf(role.actual()), role.actual().getPort()));
		}
	}

	/**
	 * Nodes that refused a connect and have not been reached since; the failover monitor
	 * probes them.
	 * @return the nodes
	 */
	Set<RedisEndpoint> refusedNodes() {
		return Set.copyOf(this.refused.values());
	}

	/**
	 * A node that refused connects answers again: route to it again.
	 * @param node the node
	 */
	void nodeAnswered(RedisEndpoint node) {
		String key = key(node.host(), node.port());
		if (this.refused.remove(key) != null) {
			this.unreachable.remove(key);
			reconnectRedirectedAwayFrom(node);
		}
	}

	void channelInactive(Channel channel, ChannelRole role) {
		this.dataChannels.remove(channel);
		if (!role.closedLocally && !role.closedByFailover) {
			// dropped by the peer or the network
			markUnreachable(role.actual());
			if (isMaster(role.actual())) {
				markFailure();
			}
		}
	}

	void connectFailed(InetSocketAddress target) {
		markUnreachable(target);
		this.refused.put(key(hostOf(target), target.getPort()), new RedisEndpoint(hostOf(target), target.getPort()));
		if (isMaster(target)) {
			markFailure();
		}
	}

	/**
	 * A reply arrived on a channel; closes the open failure if the channel goes to the
	 * master and was connected after the failure began.
	 * @param role the channel
	 */
	void replyReceived(ChannelRole role) {
		long since = this.failureSince.get();
		if (since != 0 && role.activeSince > since && isMaster(role.actual())
				&& this.failureSince.compareAndSet(since, 0)) {
			this.listeners.clientRecovered(Duration.ofNanos(System.nanoTime() - since));
		}
	}

	boolean failureOpen() {
		return this.failureSince.get() != 0;
	}

	/**
	 * A write on a channel to {@code node} was answered with {@code READONLY}: the node is
	 * a replica. Fence it, have the master re-resolved, and close the channels to it.
	 * @param node the node that answered
	 */
	void readOnlyFrom(InetSocketAddress node) {
		RedisEndpoint endpoint = new RedisEndpoint(hostOf(node), node.getPort());
		markFailure();
		boolean newlyFenced = this.fenced.add(endpoint);
		if (newlyFenced) {
			logger.warn("redis-ha: " + endpoint + " answered READONLY (it is a replica now); re-resolving the master");
			signalChange();
		}
		MasterResolver current = this.resolver;
		if (current != null) {
			current.readOnlyFrom(endpoint);
		}
		closeChannels(endpoint, "it answered READONLY");
	}

	private void markFailure() {
		this.failureSince.compareAndSet(0, System.nanoTime());
	}

	private boolean isMaster(InetSocketAddress address) {
		RedisEndpoint current = this.master;
		// in standalone mode every data channel goes to "the" master
		return (current == null) ? !this.sentinelMode : matches(current, address);
	}

	private int closeChannels(RedisEndpoint node, String reason) {
		int closed = 0;
		for (Channel channel : this.dataChannels) {
			ChannelRole role = channel.attr(ROLE).get();
			if (role != null && matches(node, role.actual())) {
				role.closedByFailover = true;
				channel.close();
				closed++;
			}
		}
		if (closed > 0) {
			logger.info("redis-ha: closed " + closed + " connection(s) to " + node + " because " + reason);
		}
		return closed;
	}

	// ---- NodeReachability

	@Override
	public boolean isUnreachable(String host, int port) {
		String key = key(host, port);
		return this.unreachable.containsKey(key) || this.reportedDownBySentinel.containsKey(key);
	}

	@Override
	public boolean anyUnreachable() {
		return !this.unreachable.isEmpty() || !this.reportedDownBySentinel.isEmpty();
	}

	private void markUnreachable(InetSocketAddress address) {
		this.unreachable.put(key(hostOf(address), address.getPort()), Boolean.TRUE);
		if (!address.getHostString().equals(hostOf(address))) {
			this.unreachable.put(key(address.getHostString(), address.getPort()), Boolean.TRUE);
		}
	}

	private void removeUnreachable(InetSocketAddress address) {
		if (!this.unreachable.isEmpty()) {
			this.unreachable.remove(key(hostOf(address), address.getPort()));
			this.unreachable.remove(key(address.getHostString(), address.getPort()));
		}
	}

	// ---- addresses

	static boolean matches(RedisEndpoint node, InetSocketAddress address) {
		if (node.port() != address.getPort()) {
			return false;
		}
		if (node.host().equalsIgnoreCase(address.getHostString())) {
			return true;
		}
		return address.getAddress() != null && node.host().equals(address.getAddress().getHostAddress());
	}

	static String hostOf(InetSocketAddress address) {
		return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
	}

	static String key(String host, int port) {
		return host.toLowerCase() + ":" + port;
	}

	/**
	 * Re-resolves the master when a node turned out to be a replica.
	 */
	interface MasterResolver {

		void readOnlyFrom(RedisEndpoint node);

	}

	/**
	 * Where a channel goes and how it ended; stored as a channel attribute.
	 */
	static final class ChannelRole {

		private volatile @Nullable InetSocketAddress intended;

		private volatile @Nullable InetSocketAddress actual;

		volatile long activeSince;

		volatile boolean sentinel;

		volatile boolean closedLocally;

		volatile boolean closedByFailover;

		@Nullable InetSocketAddress intended() {
			return this.intended;
		}

		InetSocketAddress actual() {
			InetSocketAddress address = this.actual;
			return (address != null) ? address : new InetSocketAddress(0);
		}

		void connecting(InetSocketAddress intended, InetSocketAddress actual) {
			this.intended = intended;
			this.actual = actual;
		}

	}

}
