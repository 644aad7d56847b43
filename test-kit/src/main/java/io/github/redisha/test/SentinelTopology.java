package io.github.redisha.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.redisha.test.internal.Backends;

/**
 * A Redis Sentinel topology started for a test: one master, some replicas and some
 * Sentinels, all on loopback. Obtain one with {@link RedisTopologies#sentinel()} or the
 * {@link RedisSentinelTopology @RedisSentinelTopology} JUnit annotation.
 *
 * <p>
 * Node handles are stable: {@link #dataNodes()} always lists the same
 * {@code redis-server} nodes in start order, whichever of them is master at the moment;
 * {@link #master()} asks the Sentinels who that is.
 *
 * <p>
 * All waiting methods poll with a deadline and throw {@link RedisTopologyException}
 * saying what was still missing. {@link #close()} ends every process and deletes the
 * temporary directories; it is idempotent.
 *
 * @author redis-ha
 */
public interface SentinelTopology extends AutoCloseable {

	/**
	 * The monitored master name, e.g. {@code mymaster}.
	 * @return the master name
	 */
	String masterName();

	/**
	 * The password of the data nodes ({@code requirepass}/{@code masterauth}, Sentinel
	 * {@code auth-pass}).
	 * @return the password, or {@code null} when none is set
	 */
	String password();

	/**
	 * The password of the Sentinels ({@code requirepass} on the Sentinels,
	 * {@code sentinel sentinel-pass}); distinct from {@link #password()}.
	 * @return the password, or {@code null} when none is set
	 */
	String sentinelPassword();

	/**
	 * All {@code redis-server} nodes in start order; index 0 is the initial master.
	 * @return an unmodifiable list
	 */
	List<RedisNode> dataNodes();

	/**
	 * All Sentinels in start order.
	 * @return an unmodifiable list
	 */
	List<RedisNode> sentinels();

	/**
	 * The current master: the address a majority of the reachable (running, not frozen)
	 * Sentinels report for {@code SENTINEL GET-MASTER-ADDR-BY-NAME}, mapped to its node
	 * handle and verified with {@code ROLE}. Polls briefly (a few seconds) for a
	 * consistent answer, e.g. right after a fault.
	 * @return the master node
	 * @throws RedisTopologyException when there is no such consistent answer in time
	 */
	RedisNode master();

	/**
	 * The data nodes other than {@link #master()}, in start order (running or not).
	 * @return an unmodifiable list
	 */
	List<RedisNode> replicas();

	/**
	 * The Sentinel addresses clients use, comma separated:
	 * {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}; the TLS ports in a topology started
	 * with {@link Builder#tls(TlsFiles)}.
	 * @return the addresses
	 */
	String sentinelAddresses();

	/**
	 * Environment variables describing this topology for an application under test:
	 * {@code REDIS_SENTINEL_ENABLED=true}, {@code REDIS_SENTINELS},
	 * {@code REDIS_MASTER_NAME} and, when set, {@code REDIS_PASSWORD} and
	 * {@code REDIS_SENTINEL_PASSWORD}; with {@link Builder#tls(TlsFiles) TLS} also
	 * {@code REDIS_SSL=true}, and {@code REDIS_SENTINELS} names the TLS ports. Trusting
	 * the CA certificate is up to the application (e.g. a Spring Boot SSL bundle). With
	 * {@link Builder#zones(String...) zones} the nodes do not announce, also
	 * {@code REDIS_NODE_ZONES} ({@code host:port=zone,...}).
	 * @return an unmodifiable, ordered map
	 */
	Map<String, String> environment();

	/**
	 * The zone of each data node given with {@link Builder#zones(String...)}.
	 * @return the zones by node, in start order; empty without zones
	 */
	Map<RedisNode, String> zones();

	/**
	 * Triggers a manual failover ({@code SENTINEL FAILOVER <master>}) on the first
	 * reachable Sentinel. Returns once the Sentinel accepted it; use
	 * {@link #awaitFailover(RedisNode, Duration)} to wait for its completion.
	 * @throws RedisTopologyException when no Sentinel accepts the failover
	 */
	void failover();

	/**
	 * Waits until every running, not frozen Sentinel reports the same master, different
	 * from {@code oldMaster}, and that node answers {@code ROLE} with {@code master}.
	 * @param oldMaster the master before the fault
	 * @param timeout the deadline
	 * @return the new master
	 * @throws RedisTopologyException on timeout, with what was still missing
	 */
	RedisNode awaitFailover(RedisNode oldMaster, Duration timeout);

	/**
	 * Waits until the topology is healthy: all running, not frozen Sentinels agree on the
	 * master, which is up with {@code ROLE} master; every running, not frozen replica
	 * replicates from it with {@code master_link_status:up}; and every running, not
	 * frozen Sentinel knows the master (not down), each running replica and each other
	 * running Sentinel. Stopped, killed and frozen nodes are not waited for.
	 * @param timeout the deadline
	 * @throws RedisTopologyException on timeout, with what was still missing
	 */
	void awaitHealthy(Duration timeout);

	/**
	 * A rolling restart in the order of a StatefulSet update: each replica's pod — its
	 * data node and the Sentinel of the same index, stopped gracefully and started again
	 * — from the last index down, waiting until the topology is healthy after each; the
	 * master's pod last, after a {@code SENTINEL FAILOVER} in its "preStop" whose end is
	 * awaited before it stops. Built from {@link RedisNode#stop()},
	 * {@link RedisNode#start()}, {@link #failover()} and
	 * {@link #awaitFailover(RedisNode, Duration)}.
	 * @param timeout the deadline of each wait
	 * @return the master afterwards (a former replica)
	 * @throws RedisTopologyException when a wait times out
	 */
	default RedisNode rollingRestart(Duration timeout) {
		awaitHealthy(timeout);
		RedisNode master = master();
		List<RedisNode> nodes = dataNodes();
		for (int i = nodes.size() - 1; i >= 0; i--) {
			if (nodes.get(i) != master) {
				restartPod(i, timeout);
			}
		}
		failover();
		RedisNode newMaster = awaitFailover(master, timeout);
		awaitHealthy(timeout);
		restartPod(nodes.indexOf(master), timeout);
		return newMaster;
	}

	private void restartPod(int index, Duration timeout) {
		RedisNode node = dataNodes().get(index);
		RedisNode sentinel = (index < sentinels().size()) ? sentinels().get(index) : null;
		node.stop();
		if (sentinel != null) {
			sentinel.stop();
		}
		node.start();
		if (sentinel != null) {
			sentinel.start();
		}
		awaitHealthy(timeout);
	}

	/**
	 * Undoes every fault: thaws frozen nodes, starts stopped and killed ones (data nodes,
	 * then Sentinels), then {@link #awaitHealthy(Duration) waits until the topology is
	 * healthy}. Meant for the {@code @AfterEach} of tests that share one topology. A
	 * manual or automatic failover is not undone: the master may have moved.
	 * @param timeout the deadline of the health wait
	 * @throws RedisTopologyException when a node does not come back or the topology is
	 * not healthy in time
	 */
	void restore(Duration timeout);

	/**
	 * One address in front of the Sentinels, as a Kubernetes Service: TCP round robin
	 * over the ready ones. Started at the first call (it returns once it routes to every
	 * running Sentinel), closed with the topology; {@link #redeploySentinels()} moves it
	 * to the new Sentinels. Plaintext topologies only.
	 * @return the service
	 * @throws IllegalStateException for a TLS topology
	 * @since 0.2.0
	 */
	SentinelService service();

	/**
	 * Replaces every Sentinel, as a redeploy of a Sentinel StatefulSet does: as many new
	 * Sentinels on new ports, monitoring the current master with the same settings and
	 * passwords, join the {@link #service() Service} (if started); then the old ones
	 * leave it and are stopped, and each new one is sent {@code SENTINEL RESET *} in turn
	 * so that it forgets them ({@code SENTINEL SENTINELS} then lists exactly the other
	 * new ones). Returns once the topology is healthy; {@link #sentinels()} then lists
	 * the new ones.
	 * @throws RedisTopologyException when the new Sentinels do not settle in time
	 * @since 0.2.0
	 */
	void redeploySentinels();

	/**
	 * Ends every process (by its pid; frozen ones too) and deletes the temporary
	 * directories. Idempotent; never throws.
	 */
	@Override
	void close();

	/**
	 * Immutable description of a Sentinel topology to start; what a backend needs.
	 *
	 * @param masterName the monitored master name
	 * @param replicas number of replicas (data nodes besides the master)
	 * @param sentinels number of Sentinels
	 * @param password data-node password or {@code null}
	 * @param sentinelPassword Sentinel password or {@code null}
	 * @param quorum Sentinel quorum
	 * @param downAfter {@code down-after-milliseconds}
	 * @param failoverTimeout {@code failover-timeout}
	 * @param parallelSyncs {@code parallel-syncs}
	 * @param extraServerConfig additional {@code redis.conf} lines for every data node
	 * @param startupTimeout how long {@code start()} may take at most
	 * @param tls the TLS files when the nodes speak TLS, else {@code null}
	 * @param zones the zone of each data node in start order, or empty for none
	 * @param announceZones whether the data nodes announce their zones
	 * ({@code availability-zone}, Valkey 8+)
	 */
	record Spec(String masterName, int replicas, int sentinels, String password, String sentinelPassword, int quorum,
			Duration downAfter, Duration failoverTimeout, int parallelSyncs, List<String> extraServerConfig,
			Duration startupTimeout, TlsFiles tls, List<String> zones, boolean announceZones) {

		private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

		/**
		 * Validates and copies.
		 * @param masterName the monitored master name
		 * @param replicas number of replicas
		 * @param sentinels number of Sentinels
		 * @param password data-node password or {@code null}
		 * @param sentinelPassword Sentinel password or {@code null}
		 * @param quorum Sentinel quorum
		 * @param downAfter {@code down-after-milliseconds}
		 * @param failoverTimeout {@code failover-timeout}
		 * @param parallelSyncs {@code parallel-syncs}
		 * @param extraServerConfig additional config lines
		 * @param startupTimeout startup deadline
		 * @param tls TLS files, or {@code null} for plaintext only
		 * @param zones one zone per data node, or empty
		 * @param announceZones whether the data nodes announce their zones
		 */
		public Spec {
			Objects.requireNonNull(masterName, "masterName");
			if (!MASTER_NAME.matcher(masterName).matches()) {
				throw new IllegalArgumentException(
						"masterName must match " + MASTER_NAME + " but was '" + masterName + "'");
			}
			Specs.atLeast(replicas, 0, "replicas");
			Specs.atLeast(sentinels, 1, "sentinels");
			Specs.atLeast(quorum, 1, "quorum");
			if (quorum > sentinels) {
				throw new IllegalArgumentException(
						"quorum (" + quorum + ") must not exceed sentinels (" + sentinels + ")");
			}
			Specs.atLeast(parallelSyncs, 1, "parallelSyncs");
			password = Specs.emptyToNull(password);
			sentinelPassword = Specs.emptyToNull(sentinelPassword);
			Specs.positive(downAfter, "downAfter");
			Specs.positive(failoverTimeout, "failoverTimeout");
			extraServerConfig = Specs.configLines(extraServerConfig);
			Specs.positive(startupTimeout, "startupTimeout");
			zones = List.copyOf(zones);
			if (!zones.isEmpty() && zones.size() != replicas + 1) {
				throw new IllegalArgumentException(
						"zones must name one zone per data node (" + (replicas + 1) + ") but names " + zones.size());
			}
			if (zones.stream().anyMatch((zone) -> !Specs.ZONE.matcher(zone).matches())) {
				throw new IllegalArgumentException("zones must match " + Specs.ZONE + " but are " + zones);
			}
			if (announceZones && zones.isEmpty()) {
				throw new IllegalArgumentException("announceZones() needs zones(...)");
			}
		}

	}

	/**
	 * Builder for a {@link SentinelTopology}; obtain it from
	 * {@link RedisTopologies#sentinel()}.
	 */
	final class Builder extends SentinelTopologySettings {

		Builder() {
		}

		/**
		 * The immutable description of what {@link #start()} starts.
		 * @return the spec
		 * @throws IllegalArgumentException when a setting is invalid
		 */
		public Spec spec() {
			return new Spec(this.masterName, this.replicas, this.sentinels, this.password, this.sentinelPassword,
					this.quorum, this.downAfter, this.failoverTimeout, this.parallelSyncs, this.extraServerConfig,
					this.startupTimeout, this.tls, this.zones, this.announceZones);
		}

		/**
		 * Starts the topology on free loopback ports and returns once it is healthy (see
		 * {@link SentinelTopology#awaitHealthy(Duration)}): the master is up, replicas
		 * are in sync and the Sentinels know the master, the replicas and each other.
		 * @return the running topology; close it when done
		 * @throws RedisTopologyException if a binary (native backend) or Docker
		 * (Testcontainers backend) is missing, or the topology does not become healthy in
		 * time
		 * @throws IllegalArgumentException when a setting is invalid, e.g. an image for
		 * the native backend
		 */
		public SentinelTopology start() {
			if (this.tls != null && this.backend != Backend.NATIVE) {
				throw new IllegalArgumentException("tls(...) is supported on Backend.NATIVE only");
			}
			return Backends.startSentinel(spec(), this.backend, this.image);
		}

	}

}
