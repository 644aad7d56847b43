package io.github.redisha.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.MasterVote;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.NodeRole;
import io.github.redisha.internal.RedisFailures;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.sentinel.api.async.RedisSentinelAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;

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

	private final NodeClient client;

	/**
	 * Create a probe.
	 * @param client the node client, closed with the probe; its timeout is the time one
	 * check may take altogether
	 */
	RedisTopologyProbe(NodeClient client) {
		this.client = client;
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
		long deadline = System.nanoTime() + this.client.timeout().toNanos();
		Map<RedisEndpoint, CompletableFuture<NodeAnswer>> dataNodes = new ConcurrentHashMap<>();
		if (lastKnownMaster != null) {
			dataNodes.computeIfAbsent(lastKnownMaster, this::askDataNode);
		}
		Map<RedisEndpoint, CompletableFuture<SentinelAnswer>> questions = new LinkedHashMap<>();
		for (Node node : sentinel.getNodes()) {
			RedisEndpoint endpoint = new RedisEndpoint(node.host(), node.port());
			questions.put(endpoint, askSentinel(endpoint, sentinel.getMaster()).thenApply((answer) -> {
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
		RedisEndpoint master = MasterVote.elect(SentinelObservation.reports(answers), lastKnownMaster);
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
		long deadline = System.nanoTime() + this.client.timeout().toNanos();
		CompletableFuture<NodeAnswer> question = askDataNode(endpoint);
		await(question, deadline);
		return question.getNow(NodeAnswer.failed(endpoint, noAnswerWithin()));
	}

	private String noAnswerWithin() {
		return "no answer within " + this.client.timeout().toMillis() + "ms";
	}

	private CompletableFuture<SentinelAnswer> askSentinel(RedisEndpoint endpoint, String masterName) {
		return this.client.connectSentinel(endpoint).thenCompose((connection) -> {
			RedisSentinelAsyncCommands<String, String> commands = connection.async();
			CompletableFuture<@Nullable RedisEndpoint> master = NodeClient.masterAddress(connection, masterName);
			CompletableFuture<String> quorum = commands
				.dispatch(CommandType.SENTINEL, new StatusOutput<>(CODEC),
						new CommandArgs<>(CODEC).add("CKQUORUM").add(masterName))
				.toCompletableFuture();
			CompletableFuture<List<Map<String, String>>> replicas = commands.replicas(masterName).toCompletableFuture();
			return CompletableFuture.allOf(master, quorum, replicas)
				.handle((ignored, failure) -> SentinelAnswer.of(endpoint, master, quorum, replicas))
				.whenComplete((answer, failure) -> connection.closeAsync());
		}).exceptionally((failure) -> SentinelAnswer.failed(endpoint, RedisFailures.describe(failure)));
	}

	private CompletableFuture<NodeAnswer> askDataNode(RedisEndpoint endpoint) {
		return this.client.connectData(endpoint).thenCompose((connection) -> {
			CompletableFuture<String> ping = connection.async().ping().toCompletableFuture();
			CompletableFuture<@Nullable NodeRole> role = NodeClient.role(connection);
			CompletableFuture<String> replication = connection.async().info("replication").toCompletableFuture();
			return CompletableFuture.allOf(ping, role, replication)
				.handle((ignored, failure) -> NodeAnswer.of(endpoint, ping, role, replication))
				.whenComplete((answer, failure) -> connection.closeAsync());
		}).exceptionally((failure) -> NodeAnswer.failed(endpoint, RedisFailures.describe(failure)));
	}

	/**
	 * Wait for a question until the deadline at most.
	 * @param future the question
	 * @param deadline the deadline, in {@link System#nanoTime()} terms
	 */
	static void await(CompletableFuture<?> future, long deadline) {
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

	@Override
	public void close() {
		this.client.close();
	}

}
