package io.github.redisha.connection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.RedisFailures;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Cluster;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;

/**
 * Verifies at startup that Redis answers with the configured credentials, so that a wrong
 * password, an unknown master name or unreachable sentinels fail the start with a clear
 * message instead of surfacing on the first request. Sentinels are asked in parallel; a
 * cluster is checked by {@link ClusterStartupCheck}.
 *
 * @author redis-ha
 */
final class RedisStartupCheck implements InitializingBean {

	private static final Log logger = LogFactory.getLog(RedisStartupCheck.class);

	static final int ATTEMPTS = 3;

	private final RedisHaConnectionDetails details;

	private final @Nullable ClientResources clientResources;

	private final Duration timeout;

	private final boolean ssl;

	/**
	 * Create a check.
	 * @param details the connection details
	 * @param clientResources the application's resources to borrow, or null to use (and
	 * shut down after the check) resources of its own
	 * @param timeout how long each connect and command may take
	 */
	RedisStartupCheck(RedisHaConnectionDetails details, @Nullable ClientResources clientResources, Duration timeout) {
		this.details = details;
		this.clientResources = clientResources;
		this.timeout = timeout;
		this.ssl = details.getSslBundle() != null;
	}

	@Override
	public void afterPropertiesSet() {
		try (NodeClient client = NodeClient.borrowing(this.clientResources, this.details, this.timeout)) {
			Sentinel sentinel = this.details.getSentinel();
			Cluster cluster = this.details.getCluster();
			if (cluster != null) {
				new ClusterStartupCheck(client, this.details).check(cluster);
			}
			else if (sentinel != null) {
				checkSentinels(client, sentinel);
			}
			else {
				checkStandalone(client, this.details.getStandalone());
			}
		}
	}

	private void checkStandalone(NodeClient client, Standalone standalone) {
		RedisEndpoint endpoint = new RedisEndpoint(standalone.getHost(), standalone.getPort());
		RuntimeException ex = ping(client, endpoint, standalone.getDatabase());
		if (ex != null) {
			if (RedisFailures.isAuthFailure(ex)) {
				throw dataAuthFailure(endpoint, ex);
			}
			throw new RedisHaConfigurationException(
					"Redis at " + endpoint + " (REDIS_HOST/REDIS_PORT) could not be reached: " + explain(ex) + ".",
					"Check REDIS_HOST and REDIS_PORT and that Redis runs and is reachable from this host, "
							+ "or set REDIS_STARTUP_CHECK_ENABLED=false to start without Redis." + tlsAdvice(ex),
					ex);
		}
	}

	private void checkSentinels(NodeClient client, Sentinel sentinel) {
		List<SentinelAnswer> answers = askSentinels(client, sentinel);
		List<SentinelAnswer> known = answers.stream().filter((answer) -> answer.master() != null).toList();
		if (known.isEmpty()) {
			throw noUsableSentinel(sentinel, answers);
		}
		List<String> unusable = answers.stream()
			.filter((answer) -> answer.master() == null)
			.map((answer) -> answer.endpoint() + " (" + answer.problemText() + ")")
			.toList();
		if (!unusable.isEmpty()) {
			logger.warn("redis-ha: " + unusable.size() + " of " + answers.size()
					+ " sentinels are not usable and will be retried later: " + String.join(", ", unusable));
		}
		RedisEndpoint master = known.get(0).master();
		RuntimeException ex = ping(client, master, sentinel.getDatabase());
		if (ex != null) {
			if (RedisFailures.isAuthFailure(ex)) {
				throw dataAuthFailure(master, ex);
			}
			// A master that does not answer may be failing over right now; the client
			// recovers on its own.
			logger.warn("redis-ha: master '" + sentinel.getMaster() + "' at " + master
					+ " (as reported by the sentinels) does not answer yet: " + explain(ex));
		}
	}

	/**
	 * PING a data node with the data credentials, then SELECT the configured database: a
	 * database the server does not have would otherwise fail every later command with
	 * nothing saying why.
	 * @param client the client to connect with
	 * @param endpoint the data node
	 * @param database the configured database
	 * @return null when it answered, else the failure
	 * @throws RedisHaConfigurationException if the server has no such database
	 */
	private @Nullable RuntimeException ping(NodeClient client, RedisEndpoint endpoint, int database) {
		RuntimeException failure = null;
		for (int attempt = 0; attempt < ATTEMPTS && isWorthRetrying(failure); attempt++) {
			try (StatefulRedisConnection<String, String> connection = NodeClient.await(client.connectData(endpoint))) {
				connection.sync().ping();
				DatabaseSelection.check(connection, endpoint, database);
				return null;
			}
			catch (RedisHaConfigurationException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		return failure;
	}

	/**
	 * Lettuce occasionally reports a rejected handshake as a closed connection; only a
	 * refused connection or a reply from Redis is a definite answer.
	 * @param failure the failure of the last attempt, or {@code null}
	 * @return whether another attempt may answer differently
	 */
	static boolean isWorthRetrying(@Nullable RuntimeException failure) {
		return failure == null || !(RedisFailures.isAuthFailure(failure) || RedisFailures.isConnectionRefused(failure));
	}

	private List<SentinelAnswer> askSentinels(NodeClient client, Sentinel sentinel) {
		return askInParallel(sentinel.getNodes(), (node) -> ask(client, sentinel, node));
	}

	/**
	 * Ask every node at once, each on a daemon thread of its own, so that the slowest
	 * node, not their sum, bounds the check.
	 * @param <N> the node type
	 * @param <A> the answer type
	 * @param nodes the nodes
	 * @param question asks one node, never throwing
	 * @return the answers, in the order of the nodes
	 */
	static <N, A> List<A> askInParallel(List<N> nodes, Function<N, A> question) {
		ExecutorService executor = Executors.newFixedThreadPool(nodes.size(), (runnable) -> {
			Thread thread = new Thread(runnable, "redis-ha-startup-check");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<CompletableFuture<A>> futures = nodes.stream()
				.map((node) -> CompletableFuture.supplyAsync(() -> question.apply(node), executor))
				.toList();
			return futures.stream().map(CompletableFuture::join).toList();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private SentinelAnswer ask(NodeClient client, Sentinel sentinel, Node node) {
		SentinelAnswer answer = askOnce(client, sentinel, node);
		for (int attempt = 1; attempt < ATTEMPTS && answer.problem() == Problem.UNREACHABLE
				&& isWorthRetrying(answer.failure()); attempt++) {
			answer = askOnce(client, sentinel, node);
		}
		return answer;
	}

	private SentinelAnswer askOnce(NodeClient client, Sentinel sentinel, Node node) {
		RedisEndpoint endpoint = new RedisEndpoint(node.host(), node.port());
		try (StatefulRedisSentinelConnection<String, String> connection = NodeClient
			.await(client.connectSentinel(endpoint))) {
			RedisEndpoint master = NodeClient.await(NodeClient.masterAddress(connection, sentinel.getMaster()));
			if (master != null) {
				return new SentinelAnswer(endpoint, master, Problem.NONE, null, List.of(), null);
			}
			List<String> monitored = connection.sync()
				.masters()
				.stream()
				.map((monitoredMaster) -> monitoredMaster.get("name"))
				.toList();
			return new SentinelAnswer(endpoint, null, Problem.UNKNOWN_MASTER,
					"does not know master '" + sentinel.getMaster() + "'", monitored, null);
		}
		catch (RuntimeException ex) {
			Problem problem = RedisFailures.isAuthFailure(ex) ? Problem.AUTH : Problem.UNREACHABLE;
			return new SentinelAnswer(endpoint, null, problem, explain(ex), List.of(), ex);
		}
	}

	private RedisHaConfigurationException noUsableSentinel(Sentinel sentinel, List<SentinelAnswer> answers) {
		Map<Problem, List<SentinelAnswer>> byProblem = answers.stream()
			.collect(Collectors.groupingBy(SentinelAnswer::problem));
		if (byProblem.containsKey(Problem.UNKNOWN_MASTER)) {
			List<SentinelAnswer> asked = byProblem.get(Problem.UNKNOWN_MASTER);
			List<String> monitored = asked.stream()
				.flatMap((answer) -> answer.monitored().stream())
				.distinct()
				.toList();
			return new RedisHaConfigurationException(
					"The sentinels " + endpoints(asked) + " do not monitor a master named '" + sentinel.getMaster()
							+ "' (REDIS_MASTER_NAME / redis.master-name). They monitor: "
							+ (monitored.isEmpty() ? "no master at all" : String.join(", ", monitored)) + ".",
					"Set REDIS_MASTER_NAME to the name used in the sentinels' 'sentinel monitor <name> ...' line.");
		}
		if (byProblem.containsKey(Problem.AUTH)) {
			List<SentinelAnswer> rejected = byProblem.get(Problem.AUTH);
			boolean passwordSet = sentinel.getPassword() != null;
			return new RedisHaConfigurationException("The sentinels " + endpoints(rejected) + " rejected "
					+ (passwordSet ? "the sentinel credentials (REDIS_SENTINEL_PASSWORD / redis.sentinel.password)"
							: "the connection: they require a password but REDIS_SENTINEL_PASSWORD is not set")
					+ ": " + rejected.get(0).problemText() + ".",
					"Set REDIS_SENTINEL_PASSWORD (and REDIS_SENTINEL_USERNAME for an ACL user) to the sentinels' "
							+ "'requirepass'. It is separate from REDIS_PASSWORD, which is for the data nodes.");
		}
		RuntimeException firstFailure = answers.stream()
			.map(SentinelAnswer::failure)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		return new RedisHaConfigurationException(
				"None of the sentinels in " + RedisHaProperties.SENTINELS + " could be reached: "
						+ answers.stream()
							.map((answer) -> answer.endpoint() + " (" + answer.problemText() + ")")
							.collect(Collectors.joining(", "))
						+ ".",
				"Check that REDIS_SENTINELS lists the sentinels' host:port and that they run and are reachable "
						+ "from this host, or set REDIS_STARTUP_CHECK_ENABLED=false to start without them."
						+ tlsAdvice(firstFailure));
	}

	private static String explain(RuntimeException ex) {
		return StartupFailureText.explain(ex);
	}

	private String tlsAdvice(@Nullable RuntimeException ex) {
		return StartupFailureText.tlsAdvice(ex, this.ssl);
	}

	private RedisHaConfigurationException dataAuthFailure(RedisEndpoint endpoint, RuntimeException ex) {
		return StartupFailureText.dataAuthFailure(endpoint, ex, this.details.getPassword() != null);
	}

	private static String endpoints(List<SentinelAnswer> answers) {
		return answers.stream().map((answer) -> answer.endpoint().toString()).collect(Collectors.joining(", "));
	}

	private enum Problem {

		NONE, UNREACHABLE, AUTH, UNKNOWN_MASTER

	}

	private record SentinelAnswer(RedisEndpoint endpoint, @Nullable RedisEndpoint master, Problem problem,
			@Nullable String problemText, List<String> monitored, @Nullable RuntimeException failure) {

	}

}
