package io.github.redisha.internal;

/**
 * Which Redis data nodes the client currently cannot reach, as seen by its own
 * connections (a refused connect, a connection dropped by the peer) and, in Sentinel
 * mode, by the sentinels ({@code +sdown}). Read routing uses it to skip a dead replica.
 *
 * @author redis-ha
 */
public interface NodeReachability {

	/**
	 * Whether the node is known to be unreachable right now.
	 * @param host the node's host or address, as Sentinel or the node itself reports it
	 * @param port the node's port
	 * @return {@code true} if the node is known to be down
	 */
	boolean isUnreachable(String host, int port);

	/**
	 * Whether any node is known to be unreachable; a cheap check before
	 * {@link #isUnreachable(String, int)}.
	 * @return {@code true} if at least one node is known to be down
	 */
	boolean anyUnreachable();

}
