package io.github.redisha.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.redisha.failover.FailoverHistory.MasterSwitch;
import io.github.redisha.failover.FailoverListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Failover meters. Counts are kept here and read by the registry, so nothing seen before
 * the registry is bound is lost; durations are recorded into timers of every bound
 * registry. Tags never carry an address or a secret.
 *
 * @author redis-ha
 */
final class FailoverMetrics implements MeterBinder, FailoverListener {

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

	private final Map<String, LongAdder> events = new ConcurrentHashMap<>();

	private final LongAdder switches = new LongAdder();

	private final LongAdder reconnects = new LongAdder();

	private final LongAdder readOnlyRetries = new LongAdder();

	private final LongAdder unconfirmedWrites = new LongAdder();

	private final Map<String, LongAdder> rejectedRetries = new ConcurrentHashMap<>();

	private final AtomicInteger reachable = new AtomicInteger();

	private final AtomicInteger known = new AtomicInteger();

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		this.events.forEach((type, count) -> registerEventCounter(registry, type, count));
		this.rejectedRetries.forEach((code, count) -> registerRejectedCounter(registry, code, count));
		counter(registry, MASTER_SWITCHES, this.switches, "Master switches the client followed");
		counter(registry, RECONNECTS, this.reconnects, "Reconnect attempts of Redis connections");
		counter(registry, READONLY_RETRIES, this.readOnlyRetries,
				"Writes answered READONLY and sent again to the re-resolved master");
		counter(registry, UNCONFIRMED_WRITES, this.unconfirmedWrites,
				"Safe writes that did not reach the required replicas in time");
		Gauge.builder(SENTINELS_REACHABLE, this.reachable, AtomicInteger::get)
			.description("Sentinels redis-ha currently receives events from")
			.register(registry);
		Gauge.builder(SENTINELS_KNOWN, this.known, AtomicInteger::get)
			.description("Sentinels known to redis-ha, configured and discovered")
			.register(registry);
		timer(registry, FAILOVER_DURATION, "From the first sign of a failover to the switch to the new master");
		timer(registry, CLIENT_RECOVERY, "From the client's first failure to its first reply from the master");
	}

	private static void counter(MeterRegistry registry, String name, LongAdder count, String description) {
		FunctionCounter.builder(name, count, LongAdder::sum).description(description).register(registry);
	}

	private static Timer timer(MeterRegistry registry, String name, String description) {
		return Timer.builder(name).description(description).register(registry);
	}

	private static void registerEventCounter(MeterRegistry registry, String type, LongAdder count) {
		FunctionCounter.builder(SENTINEL_EVENTS, count, LongAdder::sum)
			.description("Sentinel events received, once per event however many sentinels published it")
			.tag("type", type)
			.register(registry);
	}

	private static void registerRejectedCounter(MeterRegistry registry, String code, LongAdder count) {
		FunctionCounter.builder(REJECTED_RETRIES, count, LongAdder::sum)
			.description("Commands Redis rejected without executing them, sent again")
			.tag("error", code)
			.register(registry);
	}

	@Override
	public void sentinelEvent(String type) {
		taggedCount(this.events, type, FailoverMetrics::registerEventCounter).increment();
	}

	@Override
	public void rejectedCommandRetried(String errorCode) {
		taggedCount(this.rejectedRetries, errorCode, FailoverMetrics::registerRejectedCounter).increment();
	}

	/**
	 * The count for a tag value, registered with every bound registry when first seen.
	 * @param counts the counts by tag value
	 * @param tag the tag value
	 * @param registration registers the counter of a new tag value with a registry
	 * @return the count for the tag value
	 */
	private LongAdder taggedCount(Map<String, LongAdder> counts, String tag, TaggedCounter registration) {
		LongAdder count = counts.get(tag);
		if (count == null) {
			LongAdder created = new LongAdder();
			count = counts.putIfAbsent(tag, created);
			if (count == null) {
				count = created;
				for (MeterRegistry registry : this.registries) {
					registration.register(registry, tag, created);
				}
			}
		}
		return count;
	}

	@Override
	public void masterSwitched(MasterSwitch masterSwitch, @Nullable Duration failoverDuration) {
		this.switches.increment();
		if (failoverDuration != null) {
			record(FAILOVER_DURATION, failoverDuration);
		}
	}

	@Override
	public void clientRecovered(Duration recoveryTime) {
		record(CLIENT_RECOVERY, recoveryTime);
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

	private void record(String name, Duration duration) {
		for (MeterRegistry registry : this.registries) {
			registry.timer(name).record(duration);
		}
	}

	@FunctionalInterface
	private interface TaggedCounter {

		void register(MeterRegistry registry, String tag, LongAdder count);

	}

}
