package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.failover.internal.MasterResolver;
import io.github.redisha.failover.internal.SentinelChannels;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the Sentinel engine does to the application's channels: follow the verified
 * master, fence and close the old one at a switch, hold commands while a failover of the
 * master is under way.
 *
 * @author redis-ha
 */
final class SentinelClientSide implements SentinelChannels {

	private static final Log logger = LogFactory.getLog(SentinelClientSide.class);

	private final ClientChannels owner;

	private final ChannelRegistry registry;

	private final Fencing fencing;

	private final ConnectRouting routing;

	private final RecoveryClock recovery;

	private final WriteHold writeHold;

	private final Set<RedisEndpoint> sentinels = ConcurrentHashMap.newKeySet();

	private volatile @Nullable MasterResolver resolver;

	SentinelClientSide(ClientChannels owner, ChannelRegistry registry, Fencing fencing, ConnectRouting routing,
			RecoveryClock recovery, WriteHold writeHold) {
		this.owner = owner;
		this.registry = registry;
		this.fencing = fencing;
		this.routing = routing;
		this.recovery = recovery;
		this.writeHold = writeHold;
	}

	@Override
	public void follow(List<RedisEndpoint> sentinels, MasterResolver resolver) {
		this.sentinels.addAll(sentinels);
		this.resolver = resolver;
		this.owner.sentinelMode();
	}

	/**
	 * Whether a channel goes to one of the configured sentinels: those are left alone.
	 * @param address where it goes
	 * @return whether it is a sentinel
	 */
	boolean isSentinel(InetSocketAddress address) {
		return this.sentinels.stream().anyMatch((sentinel) -> NodeAddresses.matches(sentinel, address));
	}

	/**
	 * A node answered {@code READONLY}: have the master re-resolved.
	 * @param node the node
	 */
	void readOnlyFrom(RedisEndpoint node) {
		MasterResolver current = this.resolver;
		if (current != null) {
			current.readOnlyFrom(node);
		}
	}

	@Override
	public FailoverListeners listeners() {
		return this.owner.listeners();
	}

	@Override
	public void masterVerified(RedisEndpoint verified) {
		this.routing.master(verified);
		this.fencing.unfence(verified);
		this.owner.signalChange();
	}

	@Override
	public int masterSwitched(@Nullable RedisEndpoint from, RedisEndpoint to) {
		if (from != null && !from.equals(to)) {
			this.fencing.fence(from);
		}
		this.fencing.unfence(to);
		this.routing.master(to);
		this.recovery.failureSeen();
		this.owner.signalChange();
		int closed = (from != null) ? this.registry.closeTo(from, "the master moved to " + to) : 0;
		// after the close: the channels to the old master hand what they held to their
		// connections, which send it to the new master
		this.writeHold.release(System.nanoTime());
		return closed;
	}

	@Override
	public boolean holdWrites(RedisEndpoint master, long now) {
		boolean began = this.writeHold.hold(master, now);
		if (began) {
			logger.debug("redis-ha: holding commands for " + master + " until the failover's outcome is known");
		}
		return began;
	}

	@Override
	public void releaseWrites(long since) {
		this.writeHold.releaseIfSince(since);
	}

	@Override
	public void masterReportedDown(boolean down) {
		if (down) {
			this.recovery.failureSeen();
		}
		if (this.routing.masterReportedDown(down)) {
			this.owner.signalChange();
		}
	}

	@Override
	public void unfence(RedisEndpoint node) {
		if (this.owner.liftFence(node)) {
			this.registry.closeRedirectedAwayFrom(node);
		}
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
