package io.github.redisha.sentinel;

import io.github.redisha.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentinelEventTests {

	@Test
	void switchMaster() {
		SentinelEvent event = SentinelEvent.parse("+switch-master", "mymaster 127.0.0.1 6379 127.0.0.1 6380");
		assertThat(event.isFor("mymaster")).isTrue();
		assertThat(event.master()).isEqualTo(new RedisEndpoint("127.0.0.1", 6379));
		assertThat(event.newMaster()).isEqualTo(new RedisEndpoint("127.0.0.1", 6380));
	}

	@Test
	void masterEvent() {
		SentinelEvent event = SentinelEvent.parse("+odown", "master mymaster 127.0.0.1 6379 #quorum 2/2");
		assertThat(event.isAboutMaster()).isTrue();
		assertThat(event.isFor("mymaster")).isTrue();
		assertThat(event.instance()).isEqualTo(new RedisEndpoint("127.0.0.1", 6379));
		assertThat(event.master()).isEqualTo(event.instance());
	}

	@Test
	void replicaEventNamesItsMaster() {
		SentinelEvent event = SentinelEvent.parse("+failover-state-wait-promotion",
				"slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379");
		assertThat(event.isAboutReplica()).isTrue();
		assertThat(event.isFor("mymaster")).isTrue();
		assertThat(event.instance()).isEqualTo(new RedisEndpoint("127.0.0.1", 6380));
		assertThat(event.master()).isEqualTo(new RedisEndpoint("127.0.0.1", 6379));
	}

	@Test
	void sentinelEvent() {
		SentinelEvent event = SentinelEvent.parse("+sentinel",
				"sentinel 4a7c1e... 127.0.0.1 26380 @ mymaster 127.0.0.1 6379");
		assertThat(event.instance()).isEqualTo(new RedisEndpoint("127.0.0.1", 26380));
		assertThat(event.isFor("mymaster")).isTrue();
	}

	@Test
	void globalEventsBelongToNoMaster() {
		SentinelEvent event = SentinelEvent.parse("+new-epoch", "7");
		assertThat(event.isFor("mymaster")).isFalse();
		assertThat(event.instance()).isNull();
		assertThat(SentinelEvent.parse("+switch-master", "garbage").isFor("mymaster")).isFalse();
	}

	@Test
	void sameEventFromSeveralSentinelsHasOneIdentity() {
		assertThat(SentinelEvent.identity("+odown", "master mymaster 127.0.0.1 6379 #quorum 2/2"))
			.isEqualTo(SentinelEvent.identity("+odown", "master mymaster 127.0.0.1 6379 #quorum 3/2"));
	}

}
