package io.github.redisha.internal;

import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.MasterVote.Report;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MasterVote}.
 *
 * @author redis-ha
 */
class MasterVoteTests {

	private static final RedisEndpoint A = new RedisEndpoint("10.0.0.1", 6379);

	private static final RedisEndpoint B = new RedisEndpoint("10.0.0.2", 6379);

	private static final RedisEndpoint C = new RedisEndpoint("10.0.0.3", 6379);

	@Test
	void noReportsElectNobody() {
		assertThat(MasterVote.elect(List.of(), A)).isNull();
	}

	@Test
	void theHighestEpochWinsOverMoreVotes() {
		List<Report> reports = List.of(new Report(A, 3), new Report(A, 3), new Report(B, 4));
		assertThat(MasterVote.elect(reports, A)).isEqualTo(B);
	}

	@Test
	void withinTheHighestEpochMostVotesWin() {
		List<Report> reports = List.of(new Report(A, 5), new Report(B, 5), new Report(B, 5), new Report(C, 1));
		assertThat(MasterVote.elect(reports, A)).isEqualTo(B);
	}

	@Test
	void aTieGoesToTheCurrentMaster() {
		List<Report> reports = List.of(new Report(A, 5), new Report(B, 5));
		assertThat(MasterVote.elect(reports, B)).isEqualTo(B);
		assertThat(MasterVote.elect(reports, A)).isEqualTo(A);
	}

	@Test
	void aTieWithoutTheCurrentMasterGoesToTheFirstReported() {
		assertThat(MasterVote.elect(List.of(new Report(B, 5), new Report(A, 5)), C)).isEqualTo(B);
		assertThat(MasterVote.elect(List.of(new Report(A, 5), new Report(B, 5)), null)).isEqualTo(A);
	}

	@Test
	void theCurrentMasterOfAnOlderEpochDoesNotWinATie() {
		List<Report> reports = List.of(new Report(A, 4), new Report(B, 5), new Report(C, 5));
		assertThat(MasterVote.elect(reports, A)).isEqualTo(B);
	}

	@Test
	void reportsWithoutEpochAreCountedByVotes() {
		List<Report> reports = List.of(new Report(A, MasterVote.UNKNOWN_EPOCH), new Report(B, MasterVote.UNKNOWN_EPOCH),
				new Report(B, MasterVote.UNKNOWN_EPOCH));
		assertThat(MasterVote.elect(reports, A)).isEqualTo(B);
	}

}
