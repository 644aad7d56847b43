package io.github.redisha.failover.internal;

import java.util.List;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * What the Sentinel engine may do to the application's channels: follow the verified
 * master, fence and close the old one at a switch, hold commands while a failover of the
 * master is under way. Implemented by the failover package's client side; not API.
 *
 * @author redis-ha
 */
public interface SentinelChannels extends EngineChannels {

	/**
	 * Turn on Sentinel behaviour: fencing, held reconnects and {@code READONLY} retries.
	 * @param sentinels the configured sentinels, whose channels are left alone
	 * @param resolver asked to re-resolve the master after a {@code READONLY} reply
	 */
	void follow(List<RedisEndpoint> sentinels, MasterResolver resolver);

	/**
	 * The listeners every failover observation goes to (meters, application beans).
	 * @return the listeners
	 */
	FailoverListeners listeners();

	/**
	 * The master was verified with {@code ROLE}.
	 * @param verified the master
	 */
	void masterVerified(RedisEndpoint verified);

	/**
	 * The client moves from {@code from} to {@code to}: fence {@code from} and close
	 * every channel to it, so that nothing more is sent there and queued commands are
	 * replayed on the new master.
	 * @param from the old master, if known
	 * @param to the new, verified master
	 * @return the number of channels closed
	 */
	int masterSwitched(@Nullable RedisEndpoint from, RedisEndpoint to);

	/**
	 * The sentinels are failing over {@code master}: hold every command for it until
	 * {@link #releaseWrites} or the switch to the promoted replica.
	 * @param master the master being failed over
	 * @param now the current time (nanoTime)
	 * @return whether a new hold began
	 */
	boolean holdWrites(RedisEndpoint master, long now);

	/**
	 * The failover did not happen (aborted, or not within the hold): commands held for
	 * the master go to it after all.
	 * @param since when the hold to end began (nanoTime)
	 */
	void releaseWrites(long since);

	/**
	 * Whether the sentinels report the current master down or a failover of it in
	 * progress. Reconnects to it are then held back until the outcome is known.
	 * @param down whether it is reported down
	 */
	void masterReportedDown(boolean down);

	/**
	 * An old master now answers {@code ROLE} as a replica: stop redirecting connects
	 * aimed at it, and reconnect the channels that were redirected away from it.
	 * @param node the node
	 */
	void unfence(RedisEndpoint node);

}
