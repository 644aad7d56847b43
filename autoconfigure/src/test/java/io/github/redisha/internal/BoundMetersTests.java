package io.github.redisha.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundMeters}.
 *
 * @author redis-ha
 */
class BoundMetersTests {

	private final BoundMeters meters = new BoundMeters();

	@Test
	void countsBeforeTheRegistryIsBoundAreKept() {
		this.meters.counter("test.count", "d", Tags.of("k", "v")).add(3);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.meters.bindTo(registry);
		assertThat(registry.get("test.count").tag("k", "v").functionCounter().count()).isEqualTo(3);
	}

	@Test
	void aCounterThatAppearsLaterReachesEveryBoundRegistry() {
		SimpleMeterRegistry first = new SimpleMeterRegistry();
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		this.meters.bindTo(first);
		this.meters.bindTo(second);
		this.meters.counter("test.count", "d", Tags.of("k", "late")).increment();
		this.meters.counter("test.count", "d", Tags.of("k", "late")).increment();
		assertThat(first.get("test.count").tag("k", "late").functionCounter().count()).isEqualTo(2);
		assertThat(second.get("test.count").tag("k", "late").functionCounter().count()).isEqualTo(2);
	}

	@Test
	void gaugesAndTimersAreRegisteredOnEveryRegistry() {
		AtomicInteger value = new AtomicInteger(7);
		this.meters.register((registry) -> Gauge.builder("test.gauge", value, AtomicInteger::get).register(registry));
		this.meters.timer("test.timer", "d", Tags.of("mode", "m"));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.meters.bindTo(registry);
		this.meters.record("test.timer", Tags.of("mode", "m"), Duration.ofMillis(20));
		assertThat(registry.get("test.gauge").gauge().value()).isEqualTo(7);
		assertThat(registry.get("test.timer").timer().count()).isOne();
	}

	@Test
	void timerSamplesBeforeTheFirstRegistryBindsAreKeptForEveryRegistry() {
		this.meters.timer("test.timer", "d", Tags.of("mode", "m"));
		this.meters.record("test.timer", Tags.of("mode", "m"), Duration.ofMillis(20));
		this.meters.record("test.timer", Tags.of("mode", "m"), Duration.ofMillis(300));
		SimpleMeterRegistry first = new SimpleMeterRegistry();
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		this.meters.bindTo(first);
		this.meters.bindTo(second);
		this.meters.record("test.timer", Tags.of("mode", "m"), Duration.ofMillis(5));
		for (SimpleMeterRegistry registry : new SimpleMeterRegistry[] { first, second }) {
			Timer timer = registry.get("test.timer").tag("mode", "m").timer();
			assertThat(timer.count()).isEqualTo(3);
			assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(325);
			assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(300);
			assertThat(timer.getId().getDescription()).isEqualTo("d");
		}
	}

	@Test
	void timerSamplesKeptBeforeBindingAreBounded() {
		this.meters.timer("test.timer", "d", Tags.empty());
		for (int i = 0; i < BoundMeters.EARLY_SAMPLES_MAX + 5; i++) {
			this.meters.record("test.timer", Tags.empty(), Duration.ofMillis(1));
		}
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.meters.bindTo(registry);
		assertThat(registry.get("test.timer").timer().count()).isEqualTo(BoundMeters.EARLY_SAMPLES_MAX);
	}

}
