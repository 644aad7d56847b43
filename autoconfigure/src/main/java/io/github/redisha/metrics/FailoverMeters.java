package io.github.redisha.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import io.github.redisha.failover.FailoverListener;
import io.github.redisha.internal.BoundMeters;
import io.github.redisha.internal.RedisMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Failover meters, bound the one way every redis-ha {@code *Meters} binds
 * ({@link BoundMeters}): counts are kept here and read by every registry, so nothing seen
 * before the registries are bound is lost. Tags never carry an address or a secret.
 *
 * @author redis-ha
 */
final class FailoverMeters implements MeterBinder, FailoverListener {

	static final String SENTINEL_EVENTS = "redis.sentinel.events";

	static final String SENTINELS_REACHABLE = "redis.sentinel.reachable";

	static final String SENTINELS_KNOWN = "redis.sentinel.known";

	static final String MASTER_SWITCHES = "redis.failover.master.switches";

	static final String FAILOVER_DURATION = "redis.failover.duration";

	static final String CLIENT_RECOVERY = "redis.client.recovery";

	static final String RECONNECTS = "redis.connection.reconnects";

	static final String READONLY_RETRIES = "redis.failover.readonly.retries";

	static final String REJECTED_RETRIES = "redis.failover.rejected.retries";

	static final String UNCONFIRMED_WRITES = "redis.failover.safe-write.unconfirmed";

	static final String TOPOLOGY_REFRESHES = "redis.cluster.topology.refreshes";

	static final String REDIRECTS = "redis.cluster.redirects";

	private final Tags mode;

	private final BoundMeters meters = new BoundMeters();

	private final LongAdder switches;

	private final LongAdder reconnects;

	private final LongAdder readOnlyRetries;

	private final LongAdder unconfirmedWrites;

	private final AtomicInteger reachable = new AtomicInteger();

	private final AtomicInteger known = new AtomicInteger();

	/**
	 * Meters tagged with the connection mode; the Sentinel gauges in Sentinel mode only.
	 * @param mode how the application connects
	 */
	FailoverMeters(RedisMode mode) {
		this.mode = Tags.of("mode", mode.tag());
		this.switches = this.meters.counter(MASTER_SWITCHES,
				"Master switches the client followed (cluster: a shard's primary moved)", this.mode);
		this.reconnects = this.meters.counter(RECONNECTS, "Reconnect attempts of Redis connections", this.mode);
		this.readOnlyRetries = this.meters.counter(READONLY_RETRIES,
				"Writes answered READONLY and sent again to the re-resolved master", Tags.empty());
		this.unconfirmedWrites = this.meters.counter(UNCONFIRMED_WRITES,
				"Safe writes that did not reach the required replicas in time", Tags.empty());
		if (mode == RedisMode.SENTINEL) {
			// only where there are sentinels: at 0 elsewhere, they would fire the
			// Sentinel alerts of every standalone or cluster application
			this.meters.register((registry) -> Gauge.builder(SENTINELS_REACHABLE, this.reachable, AtomicInteger::get)
				.description("Sentinels redis-ha currently receives events from")
				.register(registry));
			this.meters.register((registry) -> Gauge.builder(SENTINELS_KNOWN, this.known, AtomicInteger::get)
				.description("Sentinels known to redis-ha, configured and discovered")
				.register(registry));
		}
		// at zero from the start, so that dashboards and alerts find them in every mode
		topologyRefreshes("switch");
		redirects("moved");
		redirects("ask");
		this.meters.timer(FAILOVER_DURATION, "From the first sign of a failover to the switch to the new master",
				this.mode);
		this.meters.timer(CLIENT_RECOVERY, "From the client's first failure to its first reply from the master",
				this.mode);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.meters.bindTo(registry);
	}

	@Override
	public void sentinelEvent(String type) {
		this.meters
			.counter(SENTINEL_EVENTS, "Sentinel events received, once per event however many sentinels published it",
					Tags.of("type", type))
			.increment();
	}

	@Override
	public void rejectedCommandRetried(String errorCode) {
		this.meters
			.counter(REJECTED_RETRIES, "Commands Redis rejected without executing them, sent again",
					Tags.of("error", errorCode))
			.increment();
	}

	@Override
	public void masterSwitched(MasterSwitch masterSwitch, @Nullable Duration failoverDuration) {
		this.switches.increment();
		if (failoverDuration != null) {
			this.meters.record(FAILOVER_DURATION, this.mode, failoverDuration);
		}
	}

	@Override
	public void clientRecovered(Duration recoveryTime) {
		this.meters.record(CLIENT_RECOVERY, this.mode, recoveryTime);
	}

	@Override
	public void reconnectAttempt() {
		this.reconnects.increment();
	}

	@Override
	public void readOnlyRetried() {
		this.readOnlyRetries.increment();
	}

	@Override
	public void writeUnconfirmed() {
		this.unconfirmedWrites.increment();
	}

	@Override
	public void sentinelsReachable(int reachable, int known) {
		this.reachable.set(reachable);
		this.known.set(known);
	}

	@Override
	public void topologyRefreshed(String cause) {
		topologyRefreshes(cause).increment();
	}

	@Override
	public void redirected(String type) {
		redirects(type).increment();
	}

	private LongAdder topologyRefreshes(String cause) {
		return this.meters.counter(TOPOLOGY_REFRESHES, "Reloads of the cluster client's slot map, by cause",
				Tags.of("cause", cause));
	}

	private LongAdder redirects(String type) {
		return this.meters.counter(REDIRECTS, "Commands redirected to another cluster node (MOVED, ASK)",
				Tags.of("type", type));
	}

}
