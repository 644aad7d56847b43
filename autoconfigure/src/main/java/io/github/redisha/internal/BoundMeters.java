package io.github.redisha.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The one way redis-ha's {@code *Meters} bind: state lives here, not in a registry, and
 * every meter is registered on every registry bound, whether the meter appears before or
 * after the registry. So nothing counted before Spring Boot binds the registries is lost,
 * and a meter that first appears later (a new cache, a new event type) reaches every
 * registry. Counters are {@link FunctionCounter}s over a {@link LongAdder}; gauges read
 * the state they are given. A timer keeps its state in each registry (so that its maximum
 * and any histogram a user configures keep working); the samples recorded before the
 * first registry binds, up to {@value #EARLY_SAMPLES_MAX}, are kept here and recorded
 * into every registry as it binds.
 *
 * @author redis-ha
 */
public final class BoundMeters implements MeterBinder {

	/**
	 * How many timer samples are kept until the first registry binds; failovers before
	 * that are few, so this only bounds the memory of a pathological start.
	 */
	static final int EARLY_SAMPLES_MAX = 1000;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final List<Consumer<MeterRegistry>> registrations = new CopyOnWriteArrayList<>();

	private final Map<Meter.Id, LongAdder> counts = new ConcurrentHashMap<>();

	/**
	 * Guards {@link #earlySamples} and the moment a registry joins, so that a sample is
	 * recorded either early or into the registry, never lost in between (a lock, not a
	 * monitor: a virtual thread recording must not pin its carrier).
	 */
	private final Lock timerLock = new ReentrantLock();

	private final List<TimerSample> earlySamples = new ArrayList<>();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.timerLock.lock();
		try {
			this.registries.add(registry);
			this.registrations.forEach((registration) -> registration.accept(registry));
			this.earlySamples.forEach((sample) -> sample.recordInto(registry));
		}
		finally {
			this.timerLock.unlock();
		}
	}

	/**
	 * Register a meter on every registry, bound now or later. Registering the same meter
	 * twice on one registry returns the first, so the overlap of a concurrent bind is
	 * harmless.
	 * @param registration registers the meter on one registry
	 */
	public void register(Consumer<MeterRegistry> registration) {
		this.registrations.add(registration);
		this.registries.forEach(registration);
	}

	/**
	 * Return the count behind a counter, creating (and registering) the counter at zero
	 * on first use.
	 * @param name the meter name
	 * @param description the meter description
	 * @param tags the tags; never an address or a secret
	 * @return the count to increment
	 */
	public LongAdder counter(String name, String description, Tags tags) {
		Meter.Id id = new Meter.Id(name, tags, null, description, Meter.Type.COUNTER);
		LongAdder count = this.counts.get(id);
		if (count != null) {
			return count;
		}
		LongAdder created = new LongAdder();
		count = this.counts.putIfAbsent(id, created);
		if (count != null) {
			return count;
		}
		register((registry) -> FunctionCounter.builder(name, created, LongAdder::sum)
			.description(description)
			.tags(tags)
			.register(registry));
		return created;
	}

	/**
	 * Register a timer on every registry.
	 * @param name the meter name
	 * @param description the meter description
	 * @param tags the tags; never an address or a secret
	 */
	public void timer(String name, String description, Tags tags) {
		register((registry) -> Timer.builder(name).description(description).tags(tags).register(registry));
	}

	/**
	 * Record a duration into the named timer of every registry bound so far; before the
	 * first registry binds, keep it for every registry that binds.
	 * @param name the timer, registered with {@link #timer}
	 * @param tags the timer's tags
	 * @param duration the duration
	 */
	public void record(String name, Tags tags, Duration duration) {
		TimerSample sample = new TimerSample(name, tags, duration);
		this.timerLock.lock();
		try {
			if (this.registries.isEmpty()) {
				if (this.earlySamples.size() < EARLY_SAMPLES_MAX) {
					this.earlySamples.add(sample);
				}
				return;
			}
			this.registries.forEach(sample::recordInto);
		}
		finally {
			this.timerLock.unlock();
		}
	}

	private record TimerSample(String name, Tags tags, Duration duration) {

		void recordInto(MeterRegistry registry) {
			registry.timer(this.name, this.tags).record(this.duration);
		}

	}

}
