package io.github.redisha.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ClusterTopology.Builder} collects, with the defaults: the cluster's
 * shape, password, node timeout and where the servers run. Kept apart from the builder,
 * which turns them into a {@link ClusterTopology.Spec} and starts it.
 *
 * @author redis-ha
 */
abstract sealed class ClusterTopologySettings permits ClusterTopology.Builder {

	int primaries = 3;

	int replicasPerPrimary = 1;

	String password;

	Duration nodeTimeout = Duration.ofSeconds(1);

	final List<String> extraServerConfig = new ArrayList<>();

	Duration startupTimeout = Duration.ofSeconds(60);

	Backend backend = Backend.NATIVE;

	String image;

	/**
	 * Number of primaries, each owning an even share of the 16384 slots. Default: 3, the
	 * fewest with which the cluster still fails a primary over by itself (that takes a
	 * majority of the primaries).
	 * @param primaries the count, {@code >= 1}
	 * @return this builder
	 */
	public ClusterTopology.Builder primaries(int primaries) {
		this.primaries = primaries;
		return self();
	}

	/**
	 * Number of replicas of each primary. Default: 1.
	 * @param replicasPerPrimary the count, {@code >= 0}
	 * @return this builder
	 */
	public ClusterTopology.Builder replicasPerPrimary(int replicasPerPrimary) {
		this.replicasPerPrimary = replicasPerPrimary;
		return self();
	}

	/**
	 * The password of every node ({@code requirepass} and {@code masterauth}). Default:
	 * none.
	 * @param password the password; {@code null} or empty for none
	 * @return this builder
	 */
	public ClusterTopology.Builder password(String password) {
		this.password = password;
		return self();
	}

	/**
	 * {@code cluster-node-timeout}: how long a primary may not answer before the cluster
	 * fails it over. Default: 1 s, which keeps failover tests fast.
	 * @param nodeTimeout positive duration (millisecond precision)
	 * @return this builder
	 */
	public ClusterTopology.Builder nodeTimeout(Duration nodeTimeout) {
		this.nodeTimeout = nodeTimeout;
		return self();
	}

	/**
	 * Adds lines to the {@code redis.conf} of every node, e.g.
	 * {@code "cluster-require-full-coverage no"}.
	 * @param lines configuration lines
	 * @return this builder
	 */
	public ClusterTopology.Builder extraServerConfig(String... lines) {
		this.extraServerConfig.addAll(Arrays.asList(lines));
		return self();
	}

	/**
	 * How long {@link ClusterTopology.Builder#start()} may take at most. Default: 60 s.
	 * @param timeout the deadline
	 * @return this builder
	 */
	public ClusterTopology.Builder startupTimeout(Duration timeout) {
		this.startupTimeout = timeout;
		return self();
	}

	/**
	 * Where the servers run. Default: {@link Backend#NATIVE} (local processes).
	 * @param backend the backend
	 * @return this builder
	 */
	public ClusterTopology.Builder backend(Backend backend) {
		this.backend = Objects.requireNonNull(backend, "backend");
		return self();
	}

	/**
	 * The Docker image of every node for {@link Backend#TESTCONTAINERS}; it must have
	 * {@code redis-server} on its {@code PATH} (Redis 7.0 or newer). Default: the system
	 * property {@code redisha.test.redis-image}, else the environment variable
	 * {@code REDISHA_TEST_REDIS_IMAGE}, else {@code redis:7.2}.
	 * @param image the image name, e.g. {@code redis:7.4}
	 * @return this builder
	 */
	public ClusterTopology.Builder image(String image) {
		this.image = Specs.emptyToNull(image);
		return self();
	}

	private ClusterTopology.Builder self() {
		return (ClusterTopology.Builder) this;
	}

}
