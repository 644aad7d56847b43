package io.github.redisha.health;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.redisha.internal.DirectNodeConnections;
import io.github.redisha.connection.RedisEndpoint;
import io.github.redisha.internal.RedisFailures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.async.RedisSentinelAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.ssl.SslBundle;

/**
 * Asks sentinels and data nodes what they know, in parallel, on connections of its own
 * (never the application's), each opened for one check and closed after it. Every
 * question shares one deadline: whatever has not answered by then is reported as not
 * answering, so a frozen node cannot stretch a check beyond the timeout.
 *
 * @author redis-ha
 */
final class RedisTopologyProbe implements AutoCloseable {

	private static final StringCodec CODEC = StringCodec.UTF8;

	private final RedisClient client;

	private final boolean ownsResources;

	private final ClientResources resources;

	private final Duration timeout;

	private final @Nullable String username;

	private final @Nullable String password;

	private final boolean ssl;

	/**
	 * Create a probe.
	 * @param resources the application's Lettuce resources, or {@code null} to create
	 * (and later shut down) our own
	 * @param timeout the time one check may take altogether
	 * @param username the data-node user, if any
	 * @param password the data-node password, if any
	 * @param sslBundle the connection details' SSL bundle: TLS exactly when there is one
	 */
	RedisTopologyProbe(@Nullable ClientResources resources, Duration timeout, @Nullable String username,
			@Nullable String password, @Nullable SslBundle sslBundle) {
		this.ownsResources = (resources == null);
		this.resources = (resources != null) ? resources : ClientResources.create();
		this.timeout = timeout;
		this.username = username;
		this.password = password;
		this.ssl = sslBundle != null;
		this.client = RedisClient.create(this.resources);
		this.client.setOptions(DirectNodeConnections.clientOptions(timeout, sslBundle).build());
	}

	/**
	 * Ask every sentinel about the master, quorum and replicas, and the master they
	 * report about its role and replication.
	 * @param sentinel the sentinel settings
	 * @param lastKnownMaster the master of the previous check, asked right away in case
	 * no sentinel answers (and usually the one they report)
	 * @return what was learned before the deadline
	 */
	SentinelObservation observeSentinels(Sentinel sentinel, @Nullable RedisEndpoint lastKnownMaster) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Map<RedisEndpoint, CompletableFuture<NodeAnswer>> dataNodes = new ConcurrentHashMap<>();
		if (lastKnownMaster != null) {
			dataNodes.computeIfAbsent(lastKnownMaster, this::askDataNode);
		}
		Map<RedisEndpoint, CompletableFuture<SentinelAnswer>> questions = new LinkedHashMap<>();
		for (Node node : sentinel.getNodes()) {
			RedisEndpoint endpoint = new RedisEndpoint(node.host(), node.port());
			questions.put(endpoint, askSentinel(endpoint, sentinel).thenApply((answer) -> {
				RedisEndpoint master = answer.master();
				if (master != null) {
					// start on the first report instead of after the slowest sentinel
					dataNodes.computeIfAbsent(master, this::askDataNode);
				}
				return answer;
			}));
		}
		await(CompletableFuture.allOf(questions.values().toArray(CompletableFuture[]::new)), deadline);
		List<SentinelAnswer> answers = new ArrayList<>();
		questions.forEach((endpoint, question) -> answers
			.add(question.getNow(SentinelAnswer.failed(endpoint, noAnswerWithin()))));
		RedisEndpoint master = SentinelObservation.reportedMaster(answers, lastKnownMaster);
		boolean fromSentinels = (master != null);
		if (master == null) {
			master = lastKnownMaster;
		}
		NodeAnswer masterAnswer = null;
		if (master != null) {
			CompletableFuture<NodeAnswer> question = dataNodes.computeIfAbsent(master, this::askDataNode);
			await(question, deadline);
			masterAnswer = question.getNow(NodeAnswer.failed(master, noAnswerWithin()));
		}
		return new SentinelObservation(sentinel.getMaster(), answers, masterAnswer, fromSentinels);
	}

	/**
	 * Ask one data node {@code PING}, {@code ROLE} and {@code INFO replication}.
	 * @param endpoint the node
	 * @return what it answered before the deadline
	 */
	NodeAnswer observeNode(RedisEndpoint endpoint) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		CompletableFuture<NodeAnswer> question = askDataNode(endpoint);
		await(question, deadline);
		return question.getNow(NodeAnswer.failed(endpoint, noAnswerWithin()));
	}

	private String noAnswerWithin() {
		return "no answer within " + this.timeout.toMillis() + "ms";
	}

	private CompletableFuture<SentinelAnswer> askSentinel(RedisEndpoint endpoint, Sentinel sentinel) {
		String masterName = sentinel.getMaster();
		CompletableFuture<StatefulRedisSentinelConnection<String, String>> connecting = attempt(
				() -> this.client.connectSentinelAsync(CODEC, sentinelUri(endpoint, sentinel)));
		return connecting.thenCompose((connection) -> {
			RedisSentinelAsyncCommands<String, String> commands = connection.async();
			CompletableFuture<@Nullable SocketAddress> master = commands.getMasterAddrByName(masterName)
				.toCompletableFuture();
			CompletableFuture<String> quorum = commands
				.dispatch(CommandType.SENTINEL, new StatusOutput<>(CODEC),
						new CommandArgs<>(CODEC).add("CKQUORUM").add(masterName))
				.toCompletableFuture();
			CompletableFuture<List<Map<String, String>>> replicas = commands.replicas(masterName)
				.toCompletableFuture();
			return CompletableFuture.allOf(master, quorum, replicas)
				.handle((ignored, failure) -> SentinelAnswer.of(endpoint, master, quorum, replicas))
				.whenComplete((answer, failure) -> connection.closeAsync());
		}).exceptionally((failure) -> SentinelAnswer.failed(endpoint, RedisFailures.describe(failure)));
	}

	private CompletableFuture<NodeAnswer> askDataNode(RedisEndpoint endpoint) {
		CompletableFuture<StatefulRedisConnection<String, String>> connecting = attempt(
				() -> this.client.connectAsync(CODEC, dataUri(endpoint)).toCompletableFuture());
		return connecting.thenCompose((connection) -> {
			CompletableFuture<String> ping = connection.async().ping().toCompletableFuture();
			CompletableFuture<List<Object>> role = connection.async().role().toCompletableFuture();
			CompletableFuture<String> replication = connection.async().info("replication").toCompletableFuture();
			return CompletableFuture.allOf(ping, role, replication)
				.handle((ignored, failure) -> NodeAnswer.of(endpoint, ping, role, replication))
				.whenComplete((answer, failure) -> connection.closeAsync());
		}).exceptionally((failure) -> NodeAnswer.failed(endpoint, RedisFailures.describe(failure)));
	}

	private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> connect) {
		try {
			return connect.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static void await(CompletableFuture<?> future, long deadline) {
		long remaining = deadline - System.nanoTime();
		try {
			future.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// what did not answer in time is reported as such by the caller
		}
	}

	private RedisURI dataUri(RedisEndpoint endpoint) {
		return DirectNodeConnections.uri(endpoint, this.username, this.password, this.timeout, this.ssl);
	}

	private RedisURI sentinelUri(RedisEndpoint endpoint, Sentinel sentinel) {
		return DirectNodeConnections.uri(endpoint, sentinel.getUsername(), sentinel.getPassword(), this.timeout,
				this.ssl);
	}

	@Override
	public void close() {
		this.client.shutdownAsync(0, this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (this.ownsResources) {
			this.resources.shutdown(0, this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * What one sentinel said.
	 *
	 * @param endpoint the sentinel
	 * @param master the master it reports, {@code null} if it did not answer or does not
	 * know the master name
	 * @param quorumOk whether {@code SENTINEL CKQUORUM} said OK, {@code null} if unknown
	 * @param quorumAnswer the text of the {@code CKQUORUM} reply
	 * @param replicas the replicas it knows, with its flags for them
	 * @param reachable whether it answered at all
	 * @param error why it could not be used, {@code null} if it answered about the master
	 */
	record SentinelAnswer(RedisEndpoint endpoint, @Nullable RedisEndpoint master, @Nullable Boolean quorumOk,
			@Nullable String quorumAnswer, List<ReplicaView> replicas, boolean reachable, @Nullable String error) {

		static SentinelAnswer failed(RedisEndpoint endpoint, String error) {
			return new SentinelAnswer(endpoint, null, null, null, List.of(), false, error);
		}

		static SentinelAnswer of(RedisEndpoint endpoint, CompletableFuture<@Nullable SocketAddress> master,
				CompletableFuture<String> quorum, CompletableFuture<List<Map<String, String>>> replicas) {
			if (master.isCompletedExceptionally()) {
				return failed(endpoint, RedisFailures.describe(failureOf(master)));
			}
			SocketAddress address = master.join();
			if (!(address instanceof InetSocketAddress inet)) {
				return new SentinelAnswer(endpoint, null, null, null, List.of(), true, "does not know the master name");
			}
			Boolean quorumOk = null;
			String quorumAnswer;
			if (quorum.isCompletedExceptionally()) {
				Throwable failure = failureOf(quorum);
				// NOQUORUM is an error reply: the sentinel answered, the quorum is lost
				quorumOk = (failure instanceof RedisCommandExecutionException) ? Boolean.FALSE : null;
				quorumAnswer = RedisFailures.describe(failure);
			}
			else {
				quorumAnswer = quorum.join();
				quorumOk = quorumAnswer.startsWith("OK");
			}
			List<ReplicaView> views = replicas.isCompletedExceptionally() ? List.of()
					: replicas.join().stream().map(ReplicaView::of).toList();
			return new SentinelAnswer(endpoint, new RedisEndpoint(inet.getHostString(), inet.getPort()), quorumOk,
					quorumAnswer, views, true, null);
		}

	}

	/**
	 * A replica as a sentinel sees it.
	 *
	 * @param endpoint the replica
	 * @param flags the sentinel's flags, e.g. {@code slave} or {@code s_down,slave}
	 */
	record ReplicaView(RedisEndpoint endpoint, String flags) {

		static ReplicaView of(Map<String, String> fields) {
			return new ReplicaView(new RedisEndpoint(fields.getOrDefault("ip", "?"), parsePort(fields.get("port"))),
					fields.getOrDefault("flags", ""));
		}

		boolean isDown() {
			return this.flags.contains("s_down") || this.flags.contains("o_down")
					|| this.flags.contains("disconnected");
		}

	}

	/**
	 * What one data node said to {@code PING}, {@code ROLE} and {@code INFO replication}.
	 *
	 * @param endpoint the node
	 * @param role its {@code ROLE}: {@code master}, {@code slave}..., {@code null} if it
	 * did not answer
	 * @param replicas the replicas connected to it, from {@code INFO replication}
	 * @param error why it could not be asked, {@code null} if it answered
	 */
	record NodeAnswer(RedisEndpoint endpoint, @Nullable String role, Map<RedisEndpoint, ReplicaLink> replicas,
			@Nullable String error) {

		static NodeAnswer failed(RedisEndpoint endpoint, String error) {
			return new NodeAnswer(endpoint, null, Map.of(), error);
		}

		static NodeAnswer of(RedisEndpoint endpoint, CompletableFuture<String> ping,
				CompletableFuture<List<Object>> role, CompletableFuture<String> replication) {
			if (ping.isCompletedExceptionally()) {
				return failed(endpoint, RedisFailures.describe(failureOf(ping)));
			}
			if (role.isCompletedExceptionally()) {
				return failed(endpoint, RedisFailures.describe(failureOf(role)));
			}
			List<Object> reply = role.join();
			String name = reply.isEmpty() ? "unknown" : String.valueOf(reply.get(0));
			Map<RedisEndpoint, ReplicaLink> replicas = replication.isCompletedExceptionally() ? Map.of()
					: ReplicaLink.parse(replication.join());
			return new NodeAnswer(endpoint, name, replicas, null);
		}

		boolean isMaster() {
			return "master".equals(this.role);
		}

	}

	/**
	 * A replica as its master sees it, from {@code INFO replication}.
	 *
	 * @param state the link state, {@code online} once in sync
	 * @param lagSeconds seconds since the replica last acknowledged, -1 if unknown
	 */
	record ReplicaLink(String state, long lagSeconds) {

		static Map<RedisEndpoint, ReplicaLink> parse(String info) {
			Map<RedisEndpoint, ReplicaLink> links = new LinkedHashMap<>();
			for (String line : info.split("\r?\n")) {
				// slave0:ip=127.0.0.1,port=6391,state=online,offset=1234,lag=0
				if (line.startsWith("slave") && line.indexOf(':') > 0 && line.contains("ip=")) {
					Map<String, String> fields = new LinkedHashMap<>();
					for (String pair : line.substring(line.indexOf(':') + 1).split(",")) {
						int equals = pair.indexOf('=');
						if (equals > 0) {
							fields.put(pair.substring(0, equals), pair.substring(equals + 1).trim());
						}
					}
					RedisEndpoint endpoint = new RedisEndpoint(fields.getOrDefault("ip", "?"),
							parsePort(fields.get("port")));
					links.put(endpoint, new ReplicaLink(fields.getOrDefault("state", "unknown"),
							parseLong(fields.get("lag"))));
				}
			}
			return links;
		}

	}

	private static Throwable failureOf(CompletableFuture<?> future) {
		try {
			future.join();
			throw new IllegalStateException("not failed");
		}
		catch (RuntimeException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	private static int parsePort(@Nullable String port) {
		long value = parseLong(port);
		return (value > 0 && value <= 65535) ? (int) value : 0;
	}

	private static long parseLong(@Nullable String value) {
		try {
			return (value != null) ? Long.parseLong(value.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
