package io.github.redisha.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.MasterVote;
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
	 * The answering sentinels' reports, for {@link MasterVote}; they carry no epoch.
	 * @param answers the sentinels' answers
	 * @return one report per sentinel that named a master, in order
	 */
	static List<MasterVote.Report> reports(List<SentinelAnswer> answers) {
		return answers.stream()
			.map(SentinelAnswer::master)
			.filter(Objects::nonNull)
			.map((master) -> new MasterVote.Report(master, MasterVote.UNKNOWN_EPOCH))
			.toList();
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
