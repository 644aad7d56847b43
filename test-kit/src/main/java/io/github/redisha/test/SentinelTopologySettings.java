package io.github.redisha.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link SentinelTopology.Builder} collects, with the defaults: the topology's
 * shape, passwords, Sentinel timings, TLS and where the servers run. Kept apart from the
 * builder, which turns them into a {@link SentinelTopology.Spec} and starts it.
 *
 * @author redis-ha
 */
abstract sealed class SentinelTopologySettings permits SentinelTopology.Builder {

	String masterName = "mymaster";

	int replicas = 2;

	int sentinels = 3;

	String password;

	String sentinelPassword;

	int quorum = 2;

	Duration downAfter = Duration.ofSeconds(1);

	Duration failoverTimeout = Duration.ofSeconds(10);

	int parallelSyncs = 1;

	final List<String> extraServerConfig = new ArrayList<>();

	Duration startupTimeout = Duration.ofSeconds(60);

	Backend backend = Backend.NATIVE;

	String image;

	TlsFiles tls;

	final List<String> zones = new ArrayList<>();

	boolean announceZones;

	/**
	 * Makes the topology speak TLS, as production Sentinel setups with {@code tls-port}
	 * and {@code tls-replication yes} do: every node also listens with TLS on a port of
	 * its own ({@link RedisNode#tlsPort()}), replicas replicate and Sentinels monitor
	 * over TLS, so the addresses Sentinel hands out are TLS ones, and
	 * {@link SentinelTopology#sentinelAddresses()} and
	 * {@link SentinelTopology#environment()} name the TLS ports (with
	 * {@code REDIS_SSL=true}). Each node keeps its plaintext {@link RedisNode#port()} for
	 * the kit's own checks. Native backend only. Default: no TLS.
	 * @param files the certificate, key and CA certificate
	 * @return this builder
	 */
	public SentinelTopology.Builder tls(TlsFiles files) {
		this.tls = files;
		return self();
	}

	/**
	 * Where the servers run. Default: {@link Backend#NATIVE} (local processes).
	 * @param backend the backend
	 * @return this builder
	 */
	public SentinelTopology.Builder backend(Backend backend) {
		this.backend = Objects.requireNonNull(backend, "backend");
		return self();
	}

	/**
	 * The Docker image of every node for {@link Backend#TESTCONTAINERS}; it must have
	 * {@code redis-server} on its {@code PATH} (Redis 6.2 or newer). Default: the system
	 * property {@code redisha.test.redis-image}, else the environment variable
	 * {@code REDISHA_TEST_REDIS_IMAGE}, else {@code redis:7.2}.
	 * @param image the image name, e.g. {@code redis:7.4}
	 * @return this builder
	 */
	public SentinelTopology.Builder image(String image) {
		this.image = Specs.emptyToNull(image);
		return self();
	}

	/**
	 * Number of replicas besides the master. Default: 2.
	 * @param replicas the count, {@code >= 0}
	 * @return this builder
	 */
	public SentinelTopology.Builder replicas(int replicas) {
		this.replicas = replicas;
		return self();
	}

	/**
	 * Number of Sentinels. Default: 3.
	 * @param sentinels the count, {@code >= 1}
	 * @return this builder
	 */
	public SentinelTopology.Builder sentinels(int sentinels) {
		this.sentinels = sentinels;
		return self();
	}

	/**
	 * The monitored master name. Default: {@code mymaster}.
	 * @param masterName letters, digits, {@code .}, {@code _}, {@code -}
	 * @return this builder
	 */
	public SentinelTopology.Builder masterName(String masterName) {
		this.masterName = masterName;
		return self();
	}

	/**
	 * The data-node password. Default: none.
	 * @param password the password; {@code null} or empty for none
	 * @return this builder
	 */
	public SentinelTopology.Builder password(String password) {
		this.password = password;
		return self();
	}

	/**
	 * The Sentinel password. Default: none.
	 * @param sentinelPassword the password; {@code null} or empty for none
	 * @return this builder
	 */
	public SentinelTopology.Builder sentinelPassword(String sentinelPassword) {
		this.sentinelPassword = sentinelPassword;
		return self();
	}

	/**
	 * The Sentinel quorum. Default: 2.
	 * @param quorum between 1 and the number of Sentinels
	 * @return this builder
	 */
	public SentinelTopology.Builder quorum(int quorum) {
		this.quorum = quorum;
		return self();
	}

	/**
	 * {@code sentinel down-after-milliseconds}. Default: 1 s, which keeps failover tests
	 * fast; on the Testcontainers backend use 3 s or more, since a container start can
	 * stall the other nodes for about a second on a small machine.
	 * @param downAfter positive duration (millisecond precision)
	 * @return this builder
	 */
	public SentinelTopology.Builder downAfter(Duration downAfter) {
		this.downAfter = downAfter;
		return self();
	}

	/**
	 * {@code sentinel failover-timeout}. Default: 10 s.
	 * @param failoverTimeout positive duration (millisecond precision)
	 * @return this builder
	 */
	public SentinelTopology.Builder failoverTimeout(Duration failoverTimeout) {
		this.failoverTimeout = failoverTimeout;
		return self();
	}

	/**
	 * {@code sentinel parallel-syncs}. Default: 1.
	 * @param parallelSyncs {@code >= 1}
	 * @return this builder
	 */
	public SentinelTopology.Builder parallelSyncs(int parallelSyncs) {
		this.parallelSyncs = parallelSyncs;
		return self();
	}

	/**
	 * Adds lines to the {@code redis.conf} of every data node, e.g.
	 * {@code "maxmemory 10mb"}.
	 * @param lines configuration lines
	 * @return this builder
	 */
	public SentinelTopology.Builder extraServerConfig(String... lines) {
		this.extraServerConfig.addAll(Arrays.asList(lines));
		return self();
	}

	/**
	 * Puts each data node, in start order (index 0 is the initial master), in an
	 * availability zone. {@link SentinelTopology#environment()} then carries the static
	 * map {@code REDIS_NODE_ZONES} (for Redis, which announces no zone), unless the nodes
	 * {@linkplain #announceZones() announce their zones}. Default: no zones.
	 * @param zones one zone per data node
	 * @return this builder
	 */
	public SentinelTopology.Builder zones(String... zones) {
		this.zones.clear();
		this.zones.addAll(Arrays.asList(zones));
		return self();
	}

	/**
	 * Makes each data node announce its {@linkplain #zones(String...) zone} itself
	 * ({@code availability-zone}, reported in {@code INFO server}): Valkey 8.0 or newer
	 * only, Redis refuses to start with it. {@code REDIS_NODE_ZONES} is then left out of
	 * {@link SentinelTopology#environment()}.
	 * @return this builder
	 */
	public SentinelTopology.Builder announceZones() {
		this.announceZones = true;
		return self();
	}

	/**
	 * How long {@link SentinelTopology.Builder#start()} may take at most. Default: 60 s.
	 * @param timeout the deadline
	 * @return this builder
	 */
	public SentinelTopology.Builder startupTimeout(Duration timeout) {
		this.startupTimeout = timeout;
		return self();
	}

	private SentinelTopology.Builder self() {
		return (SentinelTopology.Builder) this;
	}

}
