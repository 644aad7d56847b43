package io.github.redisha.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.redisha.connection.RedisEndpoint;
import io.github.redisha.health.RedisTopologyProbe.NodeAnswer;
import io.github.redisha.health.RedisTopologyProbe.SentinelAnswer;
import org.jspecify.annotations.Nullable;

/**
 * One check of a Sentinel topology: what each sentinel said, and what the master they
 * report said about itself.
 *
 * @param masterName the monitored master name
 * @param sentinels one answer per configured sentinel, in configuration order
 * @param master what the master said, {@code null} if no master is known at all
 * @param masterFromSentinels whether the sentinels reported that master, rather than it
 * being the last known one because no sentinel answered
 * @author redis-ha
 */
record SentinelObservation(String masterName, List<SentinelAnswer> sentinels, @Nullable NodeAnswer master,
		boolean masterFromSentinels) {

	/**
	 * The master most answering sentinels report; on a tie the last known one if it is
	 * among them, else the first reported.
	 * @param answers the sentinels' answers
	 * @param lastKnownMaster the master of the previous check
	 * @return the master, {@code null} if no sentinel reported one
	 */
	static @Nullable RedisEndpoint reportedMaster(List<SentinelAnswer> answers,
			@Nullable RedisEndpoint lastKnownMaster) {
		Map<RedisEndpoint, Integer> votes = votes(answers);
		RedisEndpoint chosen = null;
		int best = 0;
		for (Map.Entry<RedisEndpoint, Integer> vote : votes.entrySet()) {
			int count = vote.getValue();
			if (count > best || (count == best && vote.getKey().equals(lastKnownMaster))) {
				chosen = vote.getKey();
				best = count;
			}
		}
		return chosen;
	}

	/**
	 * How many answering sentinels report each master, in order of first report.
	 * @param answers the sentinels' answers
	 * @return the votes
	 */
	static Map<RedisEndpoint, Integer> votes(List<SentinelAnswer> answers) {
		Map<RedisEndpoint, Integer> votes = new LinkedHashMap<>();
		answers.stream()
			.map(SentinelAnswer::master)
			.filter(Objects::nonNull)
			.forEach((master) -> votes.merge(master, 1, Integer::sum));
		return votes;
	}

}
