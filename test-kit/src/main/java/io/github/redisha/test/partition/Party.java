package io.github.redisha.test.partition;

import java.util.List;

/**
 * One party of a {@link NetworkNamespace}: the processes running under one uid, and the
 * TCP ports they listen on (none for a client). Every connection a party opens is marked
 * with its uid, so a {@link Cut} can drop the packets of exactly the connections between
 * two parties, in both directions.
 *
 * @param name a name for messages, e.g. {@code master} or {@code client}
 * @param uid the uid the party's processes run as
 * @param ports the ports the party listens on
 * @author redis-ha
 */
public record Party(String name, int uid, List<Integer> ports) {

	/**
	 * Copies the ports.
	 * @param name the name
	 * @param uid the uid
	 * @param ports the listening ports
	 */
	public Party {
		ports = List.copyOf(ports);
	}

}
