package io.github.redisha.benchmark;

import java.util.List;
import java.util.Set;

import io.github.redisha.benchmark.Operations.Op;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic behind the benchmark table, on made-up operations (the benchmark itself
 * needs real processes and runs by hand only).
 */
class OutcomeTests {

	private static final long MS = 1_000_000;

	@Test
	void measuresTheLongestGapFromTheFault() {
		long fault = 1_000 * MS;
		List<Op> ops = List.of(ack(1, 990), ack(2, 996), new Op(3, "k:3", 999 * MS, 1_200 * MS, "RedisException: boom"),
				ack(4, 2_800), ack(5, 2_806), new Op(6, "k:6", 2_807 * MS, 2_808 * MS, "READONLY You can't write"));
		Outcome outcome = Outcome.of("client", ops, fault, 3_000 * MS, 2_500 * MS, Set.of());
		assertThat(outcome.promotion()).isEqualTo(1_500 * MS);
		assertThat(outcome.longestGap()).isEqualTo((2_800 - 996) * MS);
		assertThat(outcome.firstWriteAfterGap()).isEqualTo(1_800 * MS);
		assertThat(outcome.writeMinusPromotion()).isEqualTo(300 * MS);
		assertThat(outcome.errors()).isEqualTo(2);
		assertThat(outcome.readOnly()).isEqualTo(1);
		assertThat(outcome.acknowledged()).isEqualTo(4);
		assertThat(outcome.firstError()).contains("boom");
	}

	@Test
	void writesLostLaterDoNotCountAsRecovered() {
		long fault = 1_000 * MS;
		// a planned failover: no gap, but writes 3 and 4 went to the old master and were
		// lost
		List<Op> ops = List.of(ack(1, 990), ack(2, 1_005), ack(3, 1_010), ack(4, 1_015), ack(5, 1_020), ack(6, 1_025));
		Outcome outcome = Outcome.of("client", ops, fault, 1_030 * MS, 1_100 * MS, Set.of(3L, 4L));
		assertThat(outcome.firstWriteAfterGap()).isEqualTo(20 * MS);
		assertThat(outcome.lost()).isEqualTo(2);
	}

	@Test
	void aClientStillStuckAtTheEndHasNotRecovered() {
		long fault = 1_000 * MS;
		List<Op> ops = List.of(ack(1, 990), ack(2, 1_300), ack(3, 1_305));
		Outcome outcome = Outcome.of("client", ops, fault, 20_000 * MS, -1, null);
		assertThat(outcome.firstWriteAfterGap()).isEqualTo(-1);
		assertThat(outcome.longestGap()).isEqualTo((20_000 - 1_305) * MS);
		assertThat(outcome.promotion()).isEqualTo(-1);
		assertThat(outcome.writeMinusPromotion()).isNull();
	}

	@Test
	void reportsEveryScenarioAsMarkdown() {
		Report report = new Report();
		Outcome outcome = Outcome.of("redis-ha", List.of(ack(1, 10), ack(2, 500)), 100 * MS, 600 * MS, 300 * MS,
				Set.of());
		report.failover("kill", outcome, outcome);
		report.replicaReads(outcome, outcome);
		String markdown = report.markdown();
		assertThat(markdown).contains("| master SIGKILL | redis-ha | 0.200 | 0.400 | 0.200 |")
			.contains("| redis-ha | 2 | 0 |");
	}

	@Test
	void plainBootRunsWithoutAnyRedisHaAutoConfiguration() {
		assertThat(Clients.redisHaAutoConfigurations()).contains(
				"io.github.redisha.connection.RedisHaConnectionAutoConfiguration",
				"io.github.redisha.failover.RedisHaFailoverAutoConfiguration");
	}

	private static Op ack(long seq, long endedAtMillis) {
		return new Op(seq, "k:" + seq, (endedAtMillis - 1) * MS, endedAtMillis * MS, null);
	}

}
