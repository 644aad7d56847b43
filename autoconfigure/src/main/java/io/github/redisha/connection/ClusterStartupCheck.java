package io.github.redisha.connection;

import java.util.List;
import java.util.stream.Collectors;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.ClusterInfo;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.RedisFailures;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Cluster;

/**
 * The startup check of cluster mode: every seed node is asked {@code CLUSTER INFO} in
 * parallel with the data credentials. One seed that answers is enough to start; seeds
 * that are not in cluster mode, reject the password or cannot be reached stop the start
 * only when no seed answers. A cluster that answers but reports
 * {@code cluster_state:fail} is logged as a warning: it may be failing over right now,
 * and the client recovers on its own.
 *
 * @author redis-ha
 */
final class ClusterStartupCheck {

	private static final Log logger = LogFactory.getLog(ClusterStartupCheck.class);

	private final NodeClient client;

	private final DataRedisConnectionDetails details;

	ClusterStartupCheck(NodeClient client, DataRedisConnectionDetails details) {
		this.client = client;
		this.details = details;
	}

	/**
	 * Ask the seeds and fail or warn as described above.
	 * @param cluster the cluster details
	 * @throws RedisHaConfigurationException when no seed answers as a cluster node
	 */
	void check(Cluster cluster) {
		List<SeedAnswer> answers = askSeeds(cluster);
		SeedAnswer answered = answers.stream().filter((answer) -> answer.info() != null).findFirst().orElse(null);
		if (answered == null) {
			throw noUsableSeed(answers);
		}
		List<String> unusable = answers.stream()
			.filter((answer) -> answer.info() == null)
			.map(SeedAnswer::toString)
			.toList();
		if (!unusable.isEmpty()) {
			logger.warn("redis-ha: " + unusable.size() + " of " + answers.size() + " seed nodes in "
					+ RedisClusterProperties.NODES + " are not usable: " + String.join(", ", unusable));
		}
		String state = ClusterInfo.parse(answered.info()).state();
		if (!"ok".equals(state)) {
			logger.warn("redis-ha: the Redis Cluster reports cluster_state:" + state + " (asked " + answered.endpoint()
					+ "): commands for slots without a primary fail until the cluster recovers, "
					+ "e.g. once a replica has been promoted.");
		}
	}

	private List<SeedAnswer> askSeeds(Cluster cluster) {
		List<RedisEndpoint> seeds = cluster.getNodes()
			.stream()
			.map((node) -> new RedisEndpoint(node.host(), node.port()))
			.toList();
		return RedisStartupCheck.askInParallel(seeds, this::ask);
	}

	private SeedAnswer ask(RedisEndpoint endpoint) {
		SeedAnswer answer = askOnce(endpoint);
		for (int attempt = 1; attempt < RedisStartupCheck.ATTEMPTS && answer.failure() != null
				&& !isClusterDisabled(answer.failure())
				&& RedisStartupCheck.isWorthRetrying(answer.failure()); attempt++) {
			answer = askOnce(endpoint);
		}
		return answer;
	}

	private SeedAnswer askOnce(RedisEndpoint endpoint) {
		try (StatefulRedisConnection<String, String> connection = NodeClient.await(this.client.connectData(endpoint))) {
			return new SeedAnswer(endpoint, connection.sync().clusterInfo(), null);
		}
		catch (RuntimeException ex) {
			return new SeedAnswer(endpoint, null, ex);
		}
	}

	private RedisHaConfigurationException noUsableSeed(List<SeedAnswer> answers) {
		SeedAnswer rejected = first(answers, true, false);
		if (rejected != null) {
			return StartupFailureText.dataAuthFailure(rejected.endpoint(), rejected.failure(),
					this.details.getPassword() != null);
		}
		List<SeedAnswer> standalone = answers.stream().filter((answer) -> isClusterDisabled(answer.failure())).toList();
		if (!standalone.isEmpty()) {
			return new RedisHaConfigurationException(
					"The seed nodes in " + RedisClusterProperties.NODES + " are not in cluster mode: "
							+ standalone.stream().map(SeedAnswer::toString).collect(Collectors.joining(", ")) + ".",
					"Point REDIS_CLUSTER_NODES at nodes of a Redis Cluster (started with 'cluster-enabled yes'), "
							+ "or set REDIS_CLUSTER_ENABLED=false and use REDIS_HOST/REDIS_PORT (or Sentinel) "
							+ "for a server that is not a cluster.");
		}
		SeedAnswer unreachable = first(answers, false, false);
		return new RedisHaConfigurationException(
				"None of the seed nodes in " + RedisClusterProperties.NODES + " could be reached: "
						+ answers.stream().map(SeedAnswer::toString).collect(Collectors.joining(", ")) + ".",
				"Check that REDIS_CLUSTER_NODES lists nodes of the cluster as host:port and that they run and are "
						+ "reachable from this host, or set REDIS_STARTUP_CHECK_ENABLED=false to start without them."
						+ StartupFailureText.tlsAdvice((unreachable != null) ? unreachable.failure() : null,
								this.details.getSslBundle() != null));
	}

	private static @Nullable SeedAnswer first(List<SeedAnswer> answers, boolean auth, boolean clusterDisabled) {
		return answers.stream()
			.filter((answer) -> answer.failure() != null && RedisFailures.isAuthFailure(answer.failure()) == auth
					&& isClusterDisabled(answer.failure()) == clusterDisabled)
			.findFirst()
			.orElse(null);
	}

	static boolean isClusterDisabled(@Nullable RuntimeException failure) {
		String message = (failure != null) ? failure.getMessage() : null;
		return message != null && message.contains("cluster support disabled");
	}

	private record SeedAnswer(RedisEndpoint endpoint, @Nullable String info, @Nullable RuntimeException failure) {

		@Override
		public String toString() {
			return this.endpoint + " (" + ((this.failure != null) ? StartupFailureText.explain(this.failure) : "ok")
					+ ")";
		}

	}

}
