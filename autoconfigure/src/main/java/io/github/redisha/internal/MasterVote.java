package io.github.redisha.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * The one rule that picks the master from what the sentinels report, for the failover
 * engine and the health check alike: only reports of the highest configuration epoch
 * count; of those, the master most sentinels name wins; a tie goes to the current master
 * if it is among the tied, else to the one reported first.
 *
 * @author redis-ha
 */
public final class MasterVote {

	/** The epoch of a report that carries none. */
	public static final long UNKNOWN_EPOCH = -1;

	private MasterVote() {
	}

	/**
	 * Pick the master.
	 * @param reports what each sentinel reported, in the order asked
	 * @param current the master followed so far, if any
	 * @return the master, null when no sentinel reported one
	 */
	public static @Nullable RedisEndpoint elect(List<Report> reports, @Nullable RedisEndpoint current) {
		long highestEpoch = reports.stream().mapToLong(Report::epoch).max().orElse(UNKNOWN_EPOCH);
		Map<RedisEndpoint, Integer> votes = new LinkedHashMap<>();
		for (Report report : reports) {
			if (report.epoch() == highestEpoch) {
				votes.merge(report.master(), 1, Integer::sum);
			}
		}
		RedisEndpoint chosen = null;
		int best = 0;
		for (Map.Entry<RedisEndpoint, Integer> vote : votes.entrySet()) {
			int count = vote.getValue();
			if (count > best || (count == best && vote.getKey().equals(current))) {
				chosen = vote.getKey();
				best = count;
			}
		}
		return chosen;
	}

	/**
	 * What one sentinel reported.
	 *
	 * @param master the master it names
	 * @param epoch its configuration epoch for that master, {@link #UNKNOWN_EPOCH} if not
	 * asked
	 */
	public record Report(RedisEndpoint master, long epoch) {

	}

}
