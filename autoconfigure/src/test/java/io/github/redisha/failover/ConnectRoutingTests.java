package io.github.redisha.failover;

import java.net.InetSocketAddress;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.RedisMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectRouting}: where a connect of the application's client goes.
 *
 * @author redis-ha
 */
class ConnectRoutingTests {

	private static final RedisEndpoint MASTER = new RedisEndpoint("127.0.0.1", 6379);

	private static final InetSocketAddress TO_MASTER = new InetSocketAddress("127.0.0.1", 6379);

	private static final InetSocketAddress TO_REPLICA = new InetSocketAddress("127.0.0.1", 6380);

	private static final InetSocketAddress TO_OLD_MASTER = new InetSocketAddress("127.0.0.1", 6381);

	private final Fencing fencing = new Fencing();

	private final Reachability reachability = new Reachability();

	private final ConnectRouting routing = new ConnectRouting(this.fencing, this.reachability);

	@Test
	void withoutAVerifiedMasterNothingIsRedirectedOrHeld() {
		this.fencing.fence(new RedisEndpoint("127.0.0.1", 6381));
		assertThat(this.routing.redirect(TO_OLD_MASTER)).isNull();
		assertThat(this.routing.shouldHold(TO_MASTER)).isFalse();
	}

	@Test
	void aConnectToAFencedOldMasterGoesToTheMaster() {
		this.routing.master(MASTER);
		this.fencing.fence(new RedisEndpoint("127.0.0.1", 6381));
		assertThat(this.routing.redirect(TO_OLD_MASTER))
			.isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 6379));
	}

	@Test
	void aConnectToAHealthyReplicaOrTheMasterGoesWhereItWasAimed() {
		this.routing.master(MASTER);
		assertThat(this.routing.redirect(TO_REPLICA)).isNull();
		assertThat(this.routing.redirect(TO_MASTER)).isNull();
	}

	@Test
	void aConnectToAReplicaTheSentinelsReportDownGoesToTheMasterUntilItIsBack() {
		this.routing.master(MASTER);
		RedisEndpoint replica = new RedisEndpoint("127.0.0.1", 6380);
		this.reachability.reportedDown(replica, true);
		assertThat(this.routing.redirect(TO_REPLICA)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 6379));
		this.reachability.reportedDown(replica, false);
		assertThat(this.routing.redirect(TO_REPLICA)).isNull();
	}

	@Test
	void aConnectToAReplicaThatRefusedGoesToTheMasterUntilItIsReached() {
		this.routing.master(MASTER);
		this.reachability.connectRefused(TO_REPLICA);
		assertThat(this.routing.redirect(TO_REPLICA)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 6379));
		assertThat(this.reachability.isUnreachable("127.0.0.1", 6380)).isTrue();
		this.reachability.reached(TO_REPLICA);
		assertThat(this.routing.redirect(TO_REPLICA)).isNull();
		assertThat(this.reachability.anyUnreachable()).isFalse();
	}

	@Test
	void aConnectToTheMasterIsHeldWhileTheSentinelsReportItDown() {
		this.routing.master(MASTER);
		assertThat(this.routing.shouldHold(TO_MASTER)).isFalse();
		assertThat(this.routing.masterReportedDown(true)).isTrue();
		assertThat(this.routing.masterReportedDown(true)).isFalse();
		assertThat(this.routing.shouldHold(TO_MASTER)).isTrue();
		assertThat(this.routing.shouldHold(TO_REPLICA)).isFalse();
		this.routing.masterReportedDown(false);
		assertThat(this.routing.shouldHold(TO_MASTER)).isFalse();
	}

	@Test
	void aConnectToAFencedMasterIsHeldUntilAnotherIsVerified() {
		this.routing.master(MASTER);
		this.fencing.fence(MASTER);
		assertThat(this.routing.shouldHold(TO_MASTER)).isTrue();
		assertThat(this.routing.redirect(TO_MASTER)).isNull();
	}

	@Test
	void aNewMasterIsNotReportedDown() {
		this.routing.master(MASTER);
		this.routing.masterReportedDown(true);
		this.routing.master(MASTER);
		assertThat(this.routing.shouldHold(TO_MASTER)).isFalse();
	}

	@Test
	void inStandaloneModeEveryChannelGoesToTheMaster() {
		assertThat(this.routing.isMaster(TO_REPLICA, RedisMode.STANDALONE)).isTrue();
		assertThat(this.routing.isMaster(TO_REPLICA, RedisMode.SENTINEL)).isFalse();
		this.routing.master(MASTER);
		assertThat(this.routing.isMaster(TO_MASTER, RedisMode.SENTINEL)).isTrue();
		assertThat(this.routing.isMaster(TO_REPLICA, RedisMode.SENTINEL)).isFalse();
	}

	@Test
	void aConnectToAFailingClusterPrimaryWaitsUntilItsWatchEnds() {
		RedisEndpoint primary = new RedisEndpoint("127.0.0.1", 6379);
		this.routing.shards(Map.of(primary, primary, new RedisEndpoint("127.0.0.1", 6380), primary));
		assertThat(this.routing.shouldHold(TO_MASTER)).isFalse();
		assertThat(this.routing.primaryFailing(primary, true)).isTrue();
		assertThat(this.routing.shouldHold(TO_MASTER)).isTrue();
		assertThat(this.routing.shouldHold(TO_REPLICA)).isFalse();
		assertThat(this.routing.primaryFailing(primary, false)).isTrue();
		assertThat(this.routing.shouldHold(TO_MASTER)).isFalse();
	}

	@Test
	void aReplicasReadsCanGoToAMasterThatIsNeitherDownNorFenced() {
		assertThat(this.routing.masterServing(TO_REPLICA)).isFalse();
		this.routing.master(MASTER);
		assertThat(this.routing.masterServing(TO_REPLICA)).isTrue();
		this.routing.masterReportedDown(true);
		assertThat(this.routing.masterServing(TO_REPLICA)).isFalse();
	}

	@Test
	void aClusterReplicasReadsCanGoToItsPrimaryUnlessItIsWatched() {
		RedisEndpoint primary = new RedisEndpoint("127.0.0.1", 6379);
		this.routing.shards(Map.of(primary, primary, new RedisEndpoint("127.0.0.1", 6380), primary));
		assertThat(this.routing.masterServing(TO_REPLICA)).isTrue();
		this.routing.primaryFailing(primary, true);
		assertThat(this.routing.masterServing(TO_REPLICA)).isFalse();
	}

}
