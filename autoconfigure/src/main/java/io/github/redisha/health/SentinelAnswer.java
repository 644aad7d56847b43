package io.github.redisha.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.RedisFailures;
import io.github.redisha.internal.Replies;
import io.lettuce.core.RedisCommandExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * What one sentinel said.
 *
 * @param endpoint the sentinel
 * @param master the master it reports, {@code null} if it did not answer or does not know
 * the master name
 * @param quorumOk whether {@code SENTINEL CKQUORUM} said OK, {@code null} if unknown
 * @param quorumAnswer the text of the {@code CKQUORUM} reply
 * @param replicas the replicas it knows, with its flags for them
 * @param reachable whether it answered at all
 * @param error why it could not be used, {@code null} if it answered about the master
 * @author redis-ha
 */
record SentinelAnswer(RedisEndpoint endpoint, @Nullable RedisEndpoint master, @Nullable Boolean quorumOk,
		@Nullable String quorumAnswer, List<ReplicaView> replicas, boolean reachable, @Nullable String error) {

	static SentinelAnswer failed(RedisEndpoint endpoint, String error) {
		return new SentinelAnswer(endpoint, null, null, null, List.of(), false, error);
	}

	static SentinelAnswer of(RedisEndpoint endpoint, CompletableFuture<@Nullable RedisEndpoint> master,
			CompletableFuture<String> quorum, CompletableFuture<List<Map<String, String>>> replicas) {
		if (master.isCompletedExceptionally()) {
			return failed(endpoint, RedisFailures.describe(Replies.failureOf(master)));
		}
		RedisEndpoint reported = master.join();
		if (reported == null) {
			return new SentinelAnswer(endpoint, null, null, null, List.of(), true, "does not know the master name");
		}
		Boolean quorumOk = null;
		String quorumAnswer;
		if (quorum.isCompletedExceptionally()) {
			Throwable failure = Replies.failureOf(quorum);
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
		return new SentinelAnswer(endpoint, reported, quorumOk, quorumAnswer, views, true, null);
	}

}
