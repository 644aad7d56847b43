package io.github.redisha.failover;

import java.util.Set;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
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
public final class SentinelClientSide {

	private static final Log logger = LogFactory.getLog(SentinelClientSide.class);

	private final ClientChannels owner;

	private final ChannelRegistry registry;

	private final Fencing fencing;

	private final ConnectRouting routing;

	private final RecoveryClock recovery;

	private final WriteHold writeHold;

	SentinelClientSide(ClientChannels owner, ChannelRegistry registry, Fencing fencing, ConnectRouting routing,
			RecoveryClock recovery, WriteHold writeHold) {
		this.owner = owner;
		this.registry = registry;
		this.fencing = fencing;
		this.routing = routing;
		this.recovery = recovery;
		this.writeHold = writeHold;
	}

	public FailoverListeners listeners() {
		return this.owner.listeners();
	}

	/**
	 * The master was verified with {@code ROLE}.
	 * @param verified the master
	 */
	public void masterVerified(RedisEndpoint verified) {
		this.routing.master(verified);
		this.fencing.unfence(verified);
		this.owner.signalChange();
	}

	/**
	 * The client moves from {@code from} to {@code to}: fence {@code from} and close
	 * every channel to it, so that nothing more is sent there and queued commands are
	 * replayed on the new master.
	 * @param from the old master, if known
	 * @param to the new, verified master
	 * @return the number of channels closed
	 */
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

	/**
	 * The sentinels are failing over {@code master}: hold every command for it until
	 * {@link #releaseWrites} or the switch to the promoted replica.
	 * @param master the master being failed over
	 * @param now the current time (nanoTime)
	 * @return whether a new hold began
	 */
	public boolean holdWrites(RedisEndpoint master, long now) {
		boolean began = this.writeHold.hold(master, now);
		if (began) {
			logger.debug("redis-ha: holding commands for " + master + " until the failover's outcome is known");
		}
		return began;
	}

	/**
	 * The failover did not happen (aborted, or not within the hold): commands held for
	 * the master go to it after all.
	 * @param since when the hold to end began (nanoTime)
	 */
	public void releaseWrites(long since) {
		this.writeHold.releaseIfSince(since);
	}

	/**
	 * Whether the sentinels report the current master down or a failover of it in
	 * progress. Reconnects to it are then held back until the outcome is known.
	 * @param down whether it is reported down
	 */
	public void masterReportedDown(boolean down) {
		if (down) {
			this.recovery.failureSeen();
		}
		if (this.routing.masterReportedDown(down)) {
			this.owner.signalChange();
		}
	}

	/**
	 * An old master now answers {@code ROLE} as a replica: stop redirecting connects
	 * aimed at it, and reconnect the channels that were redirected away from it.
	 * @param node the node
	 */
	public void unfence(RedisEndpoint node) {
		if (this.owner.liftFence(node)) {
			this.registry.closeRedirectedAwayFrom(node);
		}
	}

	public Set<RedisEndpoint> fenced() {
		return this.owner.fenced();
	}

	public void nodeReportedDown(RedisEndpoint node, boolean down) {
		this.owner.nodeReportedDown(node, down);
	}

	public Set<RedisEndpoint> refusedNodes() {
		return this.owner.refusedNodes();
	}

	public void nodeAnswered(RedisEndpoint node) {
		this.owner.nodeAnswered(node);
	}

}
