package io.github.redisha.sentinel;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * A Sentinel Pub/Sub event, parsed. Sentinel publishes each event on a channel named
 * after it; instance events read
 * {@code <type> <name> <ip> <port> @ <master-name> <master-ip>
 * <master-port>} (the part from {@code @} is absent for a master), {@code +switch-master}
 * reads {@code <master-name> <old-ip> <old-port> <new-ip> <new-port>}.
 *
 * @param type the channel, e.g. {@code +sdown}
 * @param instanceType {@code master}, {@code slave} or {@code sentinel}; null for other
 * events
 * @param instance the instance the event is about; null when absent
 * @param masterName the master the event belongs to; null for global events
 * @param master the address of that master (the old one for {@code +switch-master}); null
 * when absent
 * @param newMaster the new master of a {@code +switch-master}; else null
 * @author redis-ha
 */
record SentinelEvent(String type, @Nullable String instanceType, @Nullable RedisEndpoint instance,
		@Nullable String masterName, @Nullable RedisEndpoint master, @Nullable RedisEndpoint newMaster) {

	static SentinelEvent parse(String type, String message) {
		String[] parts = message.trim().split("\\s+");
		if (type.equals("+switch-master")) {
			if (parts.length >= 5) {
				RedisEndpoint old = endpoint(parts[1], parts[2]);
				return new SentinelEvent(type, "master", old, parts[0], old, endpoint(parts[3], parts[4]));
			}
			return new SentinelEvent(type, null, null, null, null, null);
		}
		if (parts.length >= 4 && isInstanceType(parts[0])) {
			RedisEndpoint instance = endpoint(parts[2], parts[3]);
			boolean isMaster = parts[0].equals("master");
			String masterName = isMaster ? parts[1] : null;
			RedisEndpoint master = isMaster ? instance : null;
			if (parts.length >= 8 && parts[4].equals("@")) {
				masterName = parts[5];
				master = endpoint(parts[6], parts[7]);
			}
			return new SentinelEvent(type, parts[0], instance, masterName, master, null);
		}
		return new SentinelEvent(type, null, null, null, null, null);
	}

	/**
	 * The event without what differs between the sentinels publishing it ({@code +odown}
	 * carries each sentinel's quorum count), to recognise the same event from several
	 * sentinels.
	 * @param type the channel
	 * @param message the message
	 * @return the key
	 */
	static String identity(String type, String message) {
		int quorum = message.indexOf(" #");
		return type + " " + ((quorum >= 0) ? message.substring(0, quorum) : message);
	}

	boolean isFor(String master) {
		return master.equals(this.masterName);
	}

	boolean isAboutMaster() {
		return "master".equals(this.instanceType);
	}

	boolean isAboutReplica() {
		return "slave".equals(this.instanceType);
	}

	private static boolean isInstanceType(String value) {
		return value.equals("master") || value.equals("slave") || value.equals("sentinel");
	}

	private static @Nullable RedisEndpoint endpoint(String host, String port) {
		try {
			int number = Integer.parseInt(port);
			return (number > 0 && number <= 65535) ? new RedisEndpoint(host, number) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
