package io.github.redisha.routing;

import java.util.concurrent.atomic.LongAdder;

import io.github.redisha.internal.BoundMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code redis.read.zone}: zone-affinity read selections by where they start,
 * {@code match=same} (a replica in the application's zone), {@code other} (another
 * replica) or {@code master}. Bound the one way redis-ha's meters bind
 * ({@link BoundMeters}).
 *
 * @author redis-ha
 */
final class ZoneReadMeters implements MeterBinder {

	static final String READS = "redis.read.zone";

	private final BoundMeters meters = new BoundMeters();

	ZoneReadMeters(ZoneReadCounts counts) {
		counter("same", counts.same);
		counter("other", counts.other);
		counter("master", counts.master);
	}

	private void counter(String match, LongAdder count) {
		this.meters.register((registry) -> FunctionCounter.builder(READS, count, LongAdder::sum)
			.description("Reads routed by zone-affinity, by the zone of the node chosen first")
			.tag("match", match)
			.register(registry));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.meters.bindTo(registry);
	}

}
