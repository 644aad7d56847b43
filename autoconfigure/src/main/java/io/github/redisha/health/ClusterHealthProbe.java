package io.github.redisha.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.ClusterNodes;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.RedisFailures;
import io.github.redisha.internal.Replies;
import org.jspecify.annotations.Nullable;

/**
 * Asks a Redis Cluster about itself within one deadline, on connections of its own: every
 * seed node is asked {@code CLUSTER INFO} and {@code CLUSTER NODES} in parallel and the
 * first complete answer is used, so a frozen or dead seed costs nothing; then every
 * primary that view lists is asked {@code PING} in parallel, with what is left of the
 * deadline. Whatever has not answered by the deadline is reported as not answering.
 *
 * @author redis-ha
 */
final class ClusterHealthProbe implements AutoCloseable {

	private final NodeClient client;

	/**
	 * Create a probe.
	 * @param client the node client, closed with the probe; its timeout is the time one
	 * check may take altogether
	 */
	ClusterHealthProbe(NodeClient client) {
		this.client = client;
	}

	/**
	 * Observe the cluster through the given seeds.
	 * @param seeds the seed nodes
	 * @return what was learned before the deadline
	 */
	ClusterObservation observe(List<RedisEndpoint> seeds) {
		long deadline = System.nanoTime() + this.client.timeout().toNanos();
		CompletableFuture<ClusterView> firstView = new CompletableFuture<>();
		Map<RedisEndpoint, CompletableFuture<ClusterView>> questions = new LinkedHashMap<>();
		for (RedisEndpoint seed : seeds) {
			CompletableFuture<ClusterView> question = askView(seed);
			question.thenAccept(firstView::complete);
			questions.put(seed, question);
		}
		CompletableFuture<Void> allAnswered = CompletableFuture
			.allOf(questions.values().toArray(CompletableFuture[]::new));
		RedisTopologyProbe.await(CompletableFuture.anyOf(firstView, allAnswered), deadline);
		ClusterView view = firstView.getNow(null);
		if (view == null) {
			List<String> failures = new ArrayList<>();
			questions.forEach((seed, question) -> failures.add(seed + " (" + failure(question) + ")"));
			return new ClusterObservation(null, Map.of(), failures);
		}
		Map<RedisEndpoint, CompletableFuture<String>> pings = new LinkedHashMap<>();
		for (ClusterNodes.Shard shard : view.shards()) {
			RedisEndpoint primary = shard.primary().endpoint();
			if (primary != null) {
				pings.computeIfAbsent(primary, this::ping);
			}
		}
		RedisTopologyProbe.await(CompletableFuture.allOf(pings.values().toArray(CompletableFuture[]::new)), deadline);
		Map<RedisEndpoint, String> unanswered = new LinkedHashMap<>();
		pings.forEach((primary, ping) -> {
			if (!ping.isDone() || ping.isCompletedExceptionally()) {
				unanswered.put(primary, failure(ping));
			}
		});
		return new ClusterObservation(view, unanswered, List.of());
	}

	private CompletableFuture<ClusterView> askView(RedisEndpoint seed) {
		return this.client.connectData(seed).thenCompose((connection) -> {
			CompletableFuture<String> info = connection.async().clusterInfo().toCompletableFuture();
			CompletableFuture<String> nodes = connection.async().clusterNodes().toCompletableFuture();
			return info.thenCombine(nodes, (infoReply, nodesReply) -> ClusterView.parse(seed, infoReply, nodesReply))
				.whenComplete((view, failure) -> connection.closeAsync());
		});
	}

	private CompletableFuture<String> ping(RedisEndpoint primary) {
		return this.client.connectData(primary)
			.thenCompose((connection) -> connection.async()
				.ping()
				.toCompletableFuture()
				.whenComplete((pong, failure) -> connection.closeAsync()));
	}

	private String failure(CompletableFuture<?> question) {
		if (!question.isDone()) {
			return "no answer within " + this.client.timeout().toMillis() + "ms";
		}
		return question.isCompletedExceptionally() ? RedisFailures.describe(Replies.failureOf(question)) : "answered";
	}

	@Override
	public void close() {
		this.client.close();
	}

	/**
	 * What one check learned.
	 *
	 * @param view the first complete view of a seed, {@code null} when none answered
	 * @param unansweredPrimaries the primaries of that view that did not answer
	 * {@code PING}, with why
	 * @param seedFailures why each seed gave no view, when none did
	 */
	record ClusterObservation(@Nullable ClusterView view, Map<RedisEndpoint, String> unansweredPrimaries,
			List<String> seedFailures) {

	}

}
