package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
import io.github.redisha.failover.internal.MasterResolver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for fencing: {@link Fencing} and how {@link ClientChannels} applies it when the
 * master moves, a node answers {@code READONLY} or an old master becomes a replica.
 *
 * @author redis-ha
 */
class FencingTests {

	private static final RedisEndpoint OLD = new RedisEndpoint("127.0.0.1", 6379);

	private static final RedisEndpoint NEW = new RedisEndpoint("127.0.0.1", 6380);

	private final ClientChannels channels = new ClientChannels(FailoverListeners.of(List.of()));

	@Test
	void fencingIsRecordedOnce() {
		Fencing fencing = new Fencing();
		assertThat(fencing.fence(OLD)).isTrue();
		assertThat(fencing.fence(OLD)).isFalse();
		assertThat(fencing.unfence(OLD)).isTrue();
		assertThat(fencing.unfence(OLD)).isFalse();
	}

	@Test
	void aFencedNodeMatchesItsAddressByNameOrByIp() {
		Fencing fencing = new Fencing();
		fencing.fence(new RedisEndpoint("localhost", 6379));
		assertThat(fencing.isFenced(InetSocketAddress.createUnresolved("LOCALHOST", 6379))).isTrue();
		assertThat(fencing.isFenced(InetSocketAddress.createUnresolved("localhost", 6380))).isFalse();
		Fencing byIp = new Fencing();
		byIp.fence(OLD);
		assertThat(byIp.isFenced(new InetSocketAddress("127.0.0.1", 6379))).isTrue();
	}

	@Test
	void aSwitchFencesTheOldMasterAndNotTheNewOne() {
		this.channels.sentinelSide().masterVerified(OLD);
		assertThat(this.channels.sentinelSide().masterSwitched(OLD, NEW)).isZero();
		assertThat(this.channels.fenced()).containsExactly(OLD);
		this.channels.sentinelSide().masterSwitched(NEW, OLD);
		assertThat(this.channels.fenced()).containsExactly(NEW);
	}

	@Test
	void aVerifiedMasterIsNotFenced() {
		this.channels.readOnlyFrom(new InetSocketAddress("127.0.0.1", 6380));
		assertThat(this.channels.fenced()).containsExactly(NEW);
		this.channels.sentinelSide().masterVerified(NEW);
		assertThat(this.channels.fenced()).isEmpty();
	}

	@Test
	void aNodeThatAnsweredReadOnlyIsFencedAndTheMasterReResolved() {
		RecordingResolver resolver = new RecordingResolver();
		this.channels.sentinelSide().follow(List.of(), resolver);
		this.channels.sentinelSide().masterVerified(OLD);
		this.channels.readOnlyFrom(new InetSocketAddress("127.0.0.1", 6379));
		assertThat(this.channels.fenced()).containsExactly(OLD);
		assertThat(resolver.asked).containsExactly(OLD);
		assertThat(this.channels.failureOpen()).isTrue();
	}

	@Test
	void anOldMasterThatBecameAReplicaIsUnfencedAndNoLongerRedirected() {
		this.channels.sentinelSide().masterVerified(OLD);
		this.channels.sentinelSide().masterSwitched(OLD, NEW);
		InetSocketAddress old = new InetSocketAddress("127.0.0.1", 6379);
		assertThat(this.channels.routing().redirect(old))
			.isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 6380));
		this.channels.sentinelSide().unfence(OLD);
		assertThat(this.channels.fenced()).isEmpty();
		assertThat(this.channels.routing().redirect(old)).isNull();
	}

	private static final class RecordingResolver implements MasterResolver {

		private final List<RedisEndpoint> asked = new java.util.ArrayList<>();

		@Override
		public void readOnlyFrom(RedisEndpoint node) {
			this.asked.add(node);
		}

	}

}
