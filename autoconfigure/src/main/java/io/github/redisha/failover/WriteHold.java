package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Holds the commands for a master that the sentinels are failing over, from the moment
 * the failover leader names the replica it promotes ({@code +selected-slave}) until the
 * client has switched to that replica (or the failover was aborted, or the hold ran out).
 * The leader tells the replica to stop replicating ({@code SLAVEOF NO ONE}) one timer
 * tick of Sentinel after it announced it (50–100 ms), so every write the old master
 * acknowledged before the hold has reached the replica by then, and nothing is written to
 * the old master that the new one will not have. Channels ask {@link #on} before each
 * write and keep the commands until the hold's future completes.
 *
 * @author redis-ha
 */
final class WriteHold {

	private volatile @Nullable Hold current;

	/**
	 * Hold the commands for {@code node}, unless they already are.
	 * @param node the master being failed over
	 * @param now the current time (nanoTime)
	 * @return whether a new hold began
	 */
	boolean hold(RedisEndpoint node, long now) {
		Hold hold = this.current;
		if (hold != null && hold.node().equals(node)) {
			return false;
		}
		release();
		this.current = new Hold(node, now, new CompletableFuture<>());
		return true;
	}

	/**
	 * The hold that applies to a channel to {@code address}, if any.
	 * @param address where the channel goes
	 * @return completes when the hold ends; {@code null} when commands go through
	 */
	@Nullable CompletableFuture<Void> on(InetSocketAddress address) {
		Hold hold = this.current;
		return (hold != null && NodeAddresses.matches(hold.node(), address)) ? hold.released() : null;
	}

	/**
	 * End the hold, if any: channels send what they kept, or hand it to their connection
	 * again when they were closed meanwhile.
	 * @param now the current time (nanoTime)
	 * @return how long the hold lasted in nanoseconds, or -1 when there was none
	 */
	long release(long now) {
		Hold hold = this.current;
		if (hold == null) {
			return -1;
		}
		release();
		return now - hold.since();
	}

	/**
	 * End the hold if it is the one that began at {@code since}.
	 * @param since when the hold to end began (nanoTime)
	 */
	void releaseIfSince(long since) {
		Hold hold = this.current;
		if (hold != null && hold.since() == since) {
			release();
		}
	}

	private void release() {
		Hold hold = this.current;
		this.current = null;
		if (hold != null) {
			hold.released().complete(null);
		}
	}

	private record Hold(RedisEndpoint node, long since, CompletableFuture<Void> released) {

	}

}
