package io.github.redisha.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.redisha.test.internal.Backends;

/**
 * A Redis Cluster started for a test: some primaries, each with the same number of
 * replicas, all on loopback, the 16384 hash slots split evenly over the primaries. Obtain
 * one with {@link RedisTopologies#cluster()} or the
 * {@link RedisClusterTopology @RedisClusterTopology} JUnit annotation.
 *
 * <p>
 * Node handles are stable: {@link #nodes()} always lists the same {@code redis-server}
 * nodes in start order, whichever of them is primary at the moment; {@link #primaries()}
 * asks the cluster who that is.
 *
 * <p>
 * All waiting methods poll with a deadline and throw {@link RedisTopologyException}
 * saying what was still missing. {@link #close()} ends every process (or container) and
 * deletes the temporary directories; it is idempotent.
 *
 * @author redis-ha
 */
public interface ClusterTopology extends AutoCloseable {

	/**
	 * The password of every node ({@code requirepass}/{@code masterauth}).
	 * @return the password, or {@code null} when none is set
	 */
	String password();

	/**
	 * All nodes in start order: the first {@code primaries} nodes are the initial
	 * primaries, then the replicas (replica {@code k} initially replicates primary
	 * {@code k % primaries}).
	 * @return an unmodifiable list
	 */
	List<RedisNode> nodes();

	/**
	 * The nodes that own slots now, in start order, as all running, not frozen nodes
	 * agree (polled briefly, a few seconds, for agreement, e.g. right after a fault).
	 * @return an unmodifiable list
	 * @throws RedisTopologyException when the nodes do not agree in time
	 */
	List<RedisNode> primaries();

	/**
	 * {@link #nodes()} minus {@link #primaries()}, in start order (running or not; a
	 * failed primary whose slots moved counts here: it comes back as a replica).
	 * @return an unmodifiable list
	 */
	List<RedisNode> replicas();

	/**
	 * The replicas the cluster lists for {@code primary}, in start order (running or
	 * not).
	 * @param primary a node of this topology
	 * @return an unmodifiable list, empty when {@code primary} has no replicas or is no
	 * primary
	 */
	List<RedisNode> replicasOf(RedisNode primary);

	/**
	 * The node that owns {@code slot}, as all running, not frozen nodes agree. It may
	 * itself be frozen or dead when the cluster has not failed it over yet:
	 * {@code primaryFor(slot).freeze()} picks the victim of a test.
	 * @param slot a hash slot, 0 to 16383
	 * @return the owner
	 * @throws RedisTopologyException when the nodes do not agree in time
	 */
	RedisNode primaryFor(int slot);

	/**
	 * The node that owns the hash slot of {@code key} (hash tags count, as in Redis), see
	 * {@link #primaryFor(int)}.
	 * @param key a key
	 * @return the owner
	 */
	RedisNode primaryForKey(String key);

	/**
	 * The seed addresses clients use, comma separated: every node,
	 * {@code 127.0.0.1:p1,127.0.0.1:p2,...}.
	 * @return the addresses
	 */
	String seedAddresses();

	/**
	 * Environment variables describing this cluster for an application under test:
	 * {@code REDIS_CLUSTER_ENABLED=true}, {@code REDIS_CLUSTER_NODES} (the
	 * {@link #seedAddresses()}) and, when set, {@code REDIS_PASSWORD}.
	 * @return an unmodifiable, ordered map
	 */
	Map<String, String> environment();

	/**
	 * A planned failover: {@code CLUSTER FAILOVER} on {@code replica}, which takes over
	 * its primary's slots once it has caught up with it. Waits (up to 30 s) until every
	 * running, not frozen node sees {@code replica} as the owner of those slots and it
	 * answers {@code ROLE} with {@code master}. Needs the primary to answer; for a dead
	 * or frozen primary the cluster fails over by itself, see
	 * {@link #awaitFailover(RedisNode, Duration)}.
	 * @param replica a replica of this topology
	 * @throws IllegalArgumentException when {@code replica} is not a replica
	 * @throws RedisTopologyException when the failover does not complete in time
	 */
	void failover(RedisNode replica);

	/**
	 * Waits until the slots {@code oldPrimary} owned are owned by another node, as every
	 * running, not frozen node other than {@code oldPrimary} agrees, and that node
	 * answers {@code ROLE} with {@code master} and reports {@code cluster_state:ok}.
	 * Works also when called after the failover completed.
	 * @param oldPrimary the primary before the fault
	 * @param timeout the deadline
	 * @return the node that took over, a former replica of {@code oldPrimary}
	 * @throws IllegalArgumentException when {@code oldPrimary} owned no slots (also once
	 * a {@link #failover(RedisNode) planned failover} away from it has completed: the
	 * replica passed to that is the new owner)
	 * @throws RedisTopologyException on timeout, with what was still missing
	 */
	RedisNode awaitFailover(RedisNode oldPrimary, Duration timeout);

	/**
	 * Moves {@code slots} slots (the lowest-numbered ones {@code from} owns) with their
	 * keys from {@code from} to {@code to}, the way {@code redis-cli --cluster reshard}
	 * does: {@code CLUSTER SETSLOT IMPORTING}/ {@code MIGRATING}, {@code MIGRATE} of the
	 * keys in batches, {@code CLUSTER SETSLOT NODE} on both and then on every other
	 * primary. Clients keep working meanwhile (with {@code ASK}/{@code MOVED} redirects).
	 * Returns once every running, not frozen node sees {@code to} as the owner of the
	 * moved slots.
	 * @param slots how many slots to move, at least 1 and at most as many as {@code from}
	 * owns
	 * @param from the primary giving the slots
	 * @param to the primary receiving them
	 * @throws IllegalArgumentException when a node is no primary or {@code from} owns
	 * fewer slots
	 * @throws RedisTopologyException when a command fails or the nodes do not agree in
	 * time
	 */
	void reshard(int slots, RedisNode from, RedisNode to);

	/**
	 * Waits until the cluster is healthy: every running, not frozen node reports
	 * {@code cluster_state:ok} with all 16384 slots ok, sees every other such node
	 * without {@code fail?}/{@code fail}/{@code handshake} flags, and all of them agree
	 * on which node owns which slots and which node replicates which; every such replica
	 * has {@code master_link_status:up} to its primary. Stopped, killed and frozen nodes
	 * are not waited for.
	 * @param timeout the deadline
	 * @throws RedisTopologyException on timeout, with what was still missing
	 */
	void awaitHealthy(Duration timeout);

	/**
	 * A rolling restart of every shard in turn: each replica of the shard stopped
	 * gracefully and started again, then a {@code CLUSTER FAILOVER} on a replica so that
	 * the primary can be restarted as a replica; the cluster healthy again after each
	 * step. Built from {@link RedisNode#stop()}, {@link RedisNode#start()} and
	 * {@link #failover(RedisNode)}.
	 * @param timeout the deadline of each health wait
	 * @throws RedisTopologyException when a wait times out
	 */
	default void rollingRestart(Duration timeout) {
		awaitHealthy(timeout);
		for (RedisNode primary : List.copyOf(primaries())) {
			List<RedisNode> replicas = replicasOf(primary);
			for (RedisNode replica : replicas) {
				replica.stop();
				replica.start();
				awaitHealthy(timeout);
			}
			if (!replicas.isEmpty()) {
				failover(replicas.get(0));
			}
			primary.stop();
			primary.start();
			awaitHealthy(timeout);
		}
	}

	/**
	 * Undoes every fault: thaws frozen nodes, starts stopped and killed ones, then
	 * {@link #awaitHealthy(Duration) waits until the cluster is healthy}. Meant for the
	 * {@code @AfterEach} of tests that share one topology. Failovers and resharding are
	 * not undone: primaries and slots may have moved.
	 * @param timeout the deadline of the health wait
	 * @throws RedisTopologyException when a node does not come back or the cluster is not
	 * healthy in time
	 */
	void restore(Duration timeout);

	/**
	 * Ends every process (by its pid; frozen ones too) or container (by its id) and
	 * deletes the temporary directories. Idempotent; never throws.
	 */
	@Override
	void close();

	/**
	 * Immutable description of a cluster to start; what a backend needs.
	 *
	 * @param primaries number of primaries (slot owners)
	 * @param replicasPerPrimary replicas of each primary
	 * @param password password of every node or {@code null}
	 * @param nodeTimeout {@code cluster-node-timeout}
	 * @param extraServerConfig additional {@code redis.conf} lines for every node
	 * @param startupTimeout how long {@code start()} may take at most
	 */
	record Spec(int primaries, int replicasPerPrimary, String password, Duration nodeTimeout,
			List<String> extraServerConfig, Duration startupTimeout) {

		/**
		 * Validates and copies.
		 * @param primaries number of primaries
		 * @param replicasPerPrimary replicas of each primary
		 * @param password password or {@code null}
		 * @param nodeTimeout {@code cluster-node-timeout}
		 * @param extraServerConfig additional config lines
		 * @param startupTimeout startup deadline
		 */
		public Spec {
			Specs.atLeast(primaries, 1, "primaries");
			Specs.atLeast(replicasPerPrimary, 0, "replicasPerPrimary");
			password = Specs.emptyToNull(password);
			Specs.positive(nodeTimeout, "nodeTimeout");
			extraServerConfig = Specs.configLines(extraServerConfig);
			Specs.positive(startupTimeout, "startupTimeout");
		}

		/**
		 * All nodes: primaries and their replicas.
		 * @return the node count
		 */
		public int nodes() {
			return this.primaries * (1 + this.replicasPerPrimary);
		}

	}

	/**
	 * Builder for a {@link ClusterTopology}; obtain it from
	 * {@link RedisTopologies#cluster()}.
	 */
	final class Builder extends ClusterTopologySettings {

		Builder() {
		}

		/**
		 * The immutable description of what {@link #start()} starts.
		 * @return the spec
		 * @throws IllegalArgumentException when a setting is invalid
		 */
		public Spec spec() {
			return new Spec(this.primaries, this.replicasPerPrimary, this.password, this.nodeTimeout,
					this.extraServerConfig, this.startupTimeout);
		}

		/**
		 * Starts the nodes on free loopback ports (each with its cluster bus port, port +
		 * 10000, free too), forms the cluster and returns once it is healthy (see
		 * {@link ClusterTopology#awaitHealthy(Duration)}).
		 * @return the running cluster; close it when done
		 * @throws RedisTopologyException if the binary (native backend) or Docker
		 * (Testcontainers backend) is missing, or the cluster does not become healthy in
		 * time
		 * @throws IllegalArgumentException when a setting is invalid, e.g. an image for
		 * the native backend
		 */
		public ClusterTopology start() {
			return Backends.startCluster(spec(), this.backend, this.image);
		}

	}

}
