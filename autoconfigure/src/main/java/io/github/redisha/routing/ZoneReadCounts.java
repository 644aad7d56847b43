package io.github.redisha.routing;

import java.util.concurrent.atomic.LongAdder;

/**
 * How the zone-affinity read selections started: with a replica in the application's
 * zone, a replica in another zone (or of no known zone), or the master. Kept apart from
 * Micrometer, which {@link ZoneReadMeters} reads them into when it is on the class path.
 *
 * @author redis-ha
 */
final class ZoneReadCounts {

	final LongAdder same = new LongAdder();

	final LongAdder other = new LongAdder();

	final LongAdder master = new LongAdder();

	void record(boolean sameZone, boolean otherZone, boolean masterNode) {
		if (sameZone) {
			this.same.increment();
		}
		else if (otherZone) {
			this.other.increment();
		}
		else if (masterNode) {
			this.master.increment();
		}
	}

}
