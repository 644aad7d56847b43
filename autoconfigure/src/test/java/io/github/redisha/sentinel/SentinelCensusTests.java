package io.github.redisha.sentinel;

import java.util.List;
import java.util.Set;

import io.github.redisha.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses count as sentinels, and when a gone one is dropped.
 */
class SentinelCensusTests {

	private static final RedisEndpoint SERVICE = new RedisEndpoint("127.0.0.1", 26379);

	private static final RedisEndpoint A = new RedisEndpoint("127.0.0.1", 26390);

	private static final RedisEndpoint B = new RedisEndpoint("127.0.0.1", 26391);

	private static final RedisEndpoint C = new RedisEndpoint("127.0.0.1", 26392);

	private final SentinelCensus census = new SentinelCensus();

	@Test
	void aConfiguredListCountsEverySentinelBeforeAndAfterTheyListEachOther() {
		List.of(A, B, C).forEach(this.census::configured);
		assertThat(this.census.sentinels(List.of(A, B, C))).containsExactly(A, B, C);
		this.census.listed(List.of(B, C));
		this.census.listed(List.of(A, C));
		assertThat(this.census.sentinels(List.of(A, B, C))).containsExactly(A, B, C);
	}

	@Test
	void aServiceAddressNoSentinelListsIsNotCountedOnceSentinelsAreListed() {
		this.census.configured(SERVICE);
		assertThat(this.census.sentinels(List.of(SERVICE))).containsExactly(SERVICE);
		this.census.listed(List.of(A, B));
		this.census.listed(List.of(B, C));
		assertThat(this.census.sentinels(List.of(SERVICE, A, B, C))).containsExactly(A, B, C);
	}

	@Test
	void aSingleSentinelThatListsNoOtherCounts() {
		this.census.configured(A);
		this.census.listed(List.of());
		assertThat(this.census.sentinels(List.of(A))).containsExactly(A);
	}

	@Test
	void aSentinelUnreachableAndUnlistedIsDroppedAfterThreeRoundsInARow() {
		this.census.configured(SERVICE);
		this.census.listed(List.of(A, B));
		List<RedisEndpoint> addresses = List.of(SERVICE, A, B);
		assertThat(this.census.round(addresses, SERVICE::equals, Set.of(B))).isEmpty();
		assertThat(this.census.round(addresses, SERVICE::equals, Set.of(B))).isEmpty();
		assertThat(this.census.round(addresses, SERVICE::equals, Set.of(B))).containsExactly(A);
		assertThat(this.census.sentinels(List.of(SERVICE, B))).containsExactly(B);
	}

	@Test
	void beingListedOrSubscribedStartsTheCountAgain() {
		this.census.listed(List.of(A));
		List<RedisEndpoint> addresses = List.of(A);
		this.census.round(addresses, (address) -> false, Set.of());
		this.census.round(addresses, (address) -> false, Set.of());
		assertThat(this.census.round(addresses, (address) -> false, Set.of(A))).isEmpty();
		this.census.round(addresses, (address) -> false, Set.of());
		this.census.round(addresses, (address) -> false, Set.of());
		assertThat(this.census.round(addresses, (address) -> true, Set.of())).isEmpty();
		this.census.round(addresses, (address) -> false, Set.of());
		this.census.round(addresses, (address) -> false, Set.of());
		assertThat(this.census.round(addresses, (address) -> false, Set.of())).containsExactly(A);
	}

	@Test
	void aConfiguredAddressIsNeverDropped() {
		this.census.configured(A);
		for (int round = 0; round < 10; round++) {
			assertThat(this.census.round(List.of(A), (address) -> false, Set.of())).isEmpty();
		}
	}

}
