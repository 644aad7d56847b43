package io.github.redisha.test.internal;

import java.util.List;
import java.util.Map;

/**
 * Whether a replica is in sync with its master, as its {@code INFO replication} says.
 *
 * @author redis-ha
 */
final class ReplicaSync {

	private ReplicaSync() {
	}

	/**
	 * Adds to {@code missing} what is wrong unless {@code replica} answers
	 * {@code INFO replication} as a replica of {@code master} (its announced port) with
	 * {@code master_link_status:up}.
	 * @param probe the topology's probe client
	 * @param replica the node that should replicate
	 * @param master the node it should replicate from
	 * @param missing collects what is not yet as expected
	 */
	static void check(Probe probe, ManagedRedisNode replica, ManagedRedisNode master, List<String> missing) {
		Map<String, String> info;
		try {
			info = probe.infoReplication(replica.port(), replica.password());
		}
		catch (RuntimeException ex) {
			missing.add(replica + " did not answer INFO replication: " + Poll.describe(ex));
			return;
		}
		if (!"slave".equals(info.get("role")) || !String.valueOf(master.announcedPort()).equals(info.get("master_port"))
				|| !"up".equals(info.get("master_link_status"))) {
			missing.add(replica + " is not an in-sync replica of " + master.address() + " (role=" + info.get("role")
					+ ", master_port=" + info.get("master_port") + ", master_link_status="
					+ info.get("master_link_status") + ")");
		}
	}

}
