package io.github.redisha.benchmark;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.github.redisha.benchmark.Operations.Op;
import org.jspecify.annotations.Nullable;

/**
 * What one client saw in one fault scenario, computed from its operations.
 *
 * @param client which client
 * @param promotion P: fault to Sentinel's {@code +promoted-slave} (nanoseconds), -1 if
 * none
 * @param firstWriteAfterGap W: fault to the first acknowledged write after the longest
 * gap between acknowledgements (that began before P + 1 s) that is on the final master
 * and after which no acknowledged write was lost (nanoseconds), -1 if there is none
 * before the scenario ended. Without a visible gap (a planned failover) this is when the
 * client's writes started to reach the new master for good
 * @param longestGap that longest gap (nanoseconds; an open-ended gap counts up to the end
 * of the scenario)
 * @param operations operations sent
 * @param acknowledged operations acknowledged
 * @param errors operations that failed
 * @param readOnly failures that were {@code READONLY}
 * @param lost acknowledged writes missing (or different) on the final master, -1 when not
 * checked
 * @param slowest the slowest single operation (nanoseconds)
 * @param firstError the first failure, for the log
 * @author redis-ha
 */
record Outcome(String client, long promotion, long firstWriteAfterGap, long longestGap, int operations,
		int acknowledged, int errors, int readOnly, long lost, long slowest, String firstError) {

	static Outcome of(String client, List<Op> ops, long faultAt, long endAt, long promotionAt,
			@Nullable Set<Long> lostSeqs) {
		List<Op> acks = ops.stream().filter(Op::acknowledged).sorted(Comparator.comparingLong(Op::endedAt)).toList();
		long previous = acks.stream()
			.filter((op) -> op.endedAt() < faultAt)
			.mapToLong(Op::endedAt)
			.max()
			.orElse(faultAt);
		// the stall a failover causes begins before Sentinel's promotion (+1 s); a hiccup
		// seconds
		// later (a GC pause, a busy machine) is not what W is about
		long gapsFrom = (promotionAt > 0) ? promotionAt + 1_000_000_000L : endAt;
		long longestGap = -1;
		long gapEndedAt = -1;
		for (Op ack : acks) {
			if (ack.endedAt() < faultAt) {
				continue;
			}
			long gap = ack.endedAt() - previous;
			if (gap > longestGap && previous < gapsFrom) {
				longestGap = gap;
				gapEndedAt = ack.endedAt();
			}
			previous = ack.endedAt();
		}
		if (endAt - previous > longestGap && previous < gapsFrom) {
			// still waiting when the scenario ended
			longestGap = endAt - previous;
			gapEndedAt = -1;
		}
		long recoveredAt = -1;
		if (gapEndedAt > 0) {
			// writes acknowledged by an old master and lost later do not count as
			// recovered
			long lastLostAt = acks.stream()
				.filter((op) -> op.endedAt() >= faultAt && lostSeqs != null && lostSeqs.contains(op.seq()))
				.mapToLong(Op::endedAt)
				.max()
				.orElse(-1);
			long from = Math.max(gapEndedAt, lastLostAt + 1);
			recoveredAt = acks.stream()
				.filter((op) -> op.endedAt() >= from && (lostSeqs == null || !lostSeqs.contains(op.seq())))
				.mapToLong(Op::endedAt)
				.min()
				.orElse(-1);
		}
		List<Op> failed = ops.stream().filter((op) -> !op.acknowledged()).toList();
		long slowest = ops.stream().mapToLong((op) -> op.endedAt() - op.sentAt()).max().orElse(0);
		return new Outcome(client, (promotionAt > 0) ? promotionAt - faultAt : -1,
				(recoveredAt > 0) ? recoveredAt - faultAt : -1, longestGap, ops.size(), acks.size(), failed.size(),
				(int) failed.stream().filter(Op::readOnly).count(), (lostSeqs != null) ? lostSeqs.size() : -1, slowest,
				failed.isEmpty() ? null : failed.get(0).error());
	}

	/** W − P in nanoseconds, or null when either is unknown. */
	Long writeMinusPromotion() {
		return (this.promotion >= 0 && this.firstWriteAfterGap >= 0) ? this.firstWriteAfterGap - this.promotion : null;
	}

}
