package io.github.redisha.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import io.github.redisha.internal.RedisMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverMetersTests {

	private final FailoverMeters metrics = new FailoverMeters(RedisMode.SENTINEL);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void eventsSeenBeforeBindingAreKept() {
		this.metrics.sentinelEvent("+sdown");
		this.metrics.bindTo(this.registry);
		this.metrics.sentinelEvent("+sdown");
		this.metrics.sentinelEvent("+switch-master");
		assertThat(this.registry.get("redis.sentinel.events").tag("type", "+sdown").functionCounter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("redis.sentinel.events").tag("type", "+switch-master").functionCounter().count())
			.isEqualTo(1);
	}

	@Test
	void rejectedCommandsSentAgainAreCountedPerErrorCode() {
		this.metrics.rejectedCommandRetried("NOREPLICAS");
		this.metrics.bindTo(this.registry);
		this.metrics.rejectedCommandRetried("NOREPLICAS");
		this.metrics.rejectedCommandRetried("LOADING");
		assertThat(this.registry.get("redis.failover.rejected.retries")
			.tag("error", "NOREPLICAS")
			.functionCounter()
			.count()).isEqualTo(2);
		assertThat(
				this.registry.get("redis.failover.rejected.retries").tag("error", "LOADING").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.registry.find("redis.failover.rejected.retries").tag("error", "READONLY").functionCounter())
			.isNull();
	}

	@Test
	void recordsSwitchesDurationsAndRecoveries() {
		this.metrics.bindTo(this.registry);
		MasterSwitch masterSwitch = new MasterSwitch("mymaster", new RedisEndpoint("10.0.0.1", 6379),
				new RedisEndpoint("10.0.0.2", 6379), Instant.now());
		this.metrics.masterSwitched(masterSwitch, Duration.ofMillis(1800));
		this.metrics.masterSwitched(masterSwitch, null);
		this.metrics.clientRecovered(Duration.ofMillis(40));
		this.metrics.reconnectAttempt();
		this.metrics.readOnlyRetried();
		this.metrics.writeUnconfirmed();
		this.metrics.sentinelsReachable(2, 3);
		assertThat(this.registry.get("redis.failover.master.switches").functionCounter().count()).isEqualTo(2);
		assertThat(this.registry.get("redis.failover.duration").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("redis.failover.duration").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(1800);
		assertThat(this.registry.get("redis.client.recovery").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("redis.connection.reconnects").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("redis.failover.readonly.retries").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("redis.failover.safe-write.unconfirmed").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("redis.sentinel.reachable").gauge().value()).isEqualTo(2);
		assertThat(this.registry.get("redis.sentinel.known").gauge().value()).isEqualTo(3);
	}

	@Test
	void clusterMetersStartAtZeroAndCountByCauseAndType() {
		FailoverMeters cluster = new FailoverMeters(RedisMode.CLUSTER);
		cluster.bindTo(this.registry);
		assertThat(this.registry.find("redis.sentinel.reachable").gauge()).isNull();
		assertThat(this.registry.find("redis.sentinel.known").gauge()).isNull();
		assertThat(this.registry.get("redis.cluster.redirects").tag("type", "moved").functionCounter().count())
			.isZero();
		assertThat(this.registry.get("redis.cluster.redirects").tag("type", "ask").functionCounter().count()).isZero();
		cluster.redirected("ask");
		cluster.topologyRefreshed("switch");
		cluster.topologyRefreshed("client");
		cluster.masterSwitched(new MasterSwitch("slots 0-5460", new RedisEndpoint("10.0.0.1", 7000),
				new RedisEndpoint("10.0.0.2", 7003), Instant.now()), Duration.ofMillis(30));
		assertThat(this.registry.get("redis.cluster.redirects").tag("type", "ask").functionCounter().count()).isOne();
		assertThat(
				this.registry.get("redis.cluster.topology.refreshes").tag("cause", "switch").functionCounter().count())
			.isOne();
		assertThat(
				this.registry.get("redis.cluster.topology.refreshes").tag("cause", "client").functionCounter().count())
			.isOne();
		assertThat(this.registry.get("redis.failover.master.switches").tag("mode", "cluster").functionCounter().count())
			.isOne();
		assertThat(this.registry.get("redis.failover.duration").tag("mode", "cluster").timer().count()).isOne();
	}

}
