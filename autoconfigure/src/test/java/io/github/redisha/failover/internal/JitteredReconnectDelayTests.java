package io.github.redisha.failover.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisha.failover.FailoverListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JitteredReconnectDelayTests {

	private final AtomicInteger attempts = new AtomicInteger();

	private final JitteredReconnectDelay delay = new JitteredReconnectDelay(Duration.ofMillis(10),
			Duration.ofSeconds(1), new FailoverListener() {

				@Override
				public void reconnectAttempt() {
					JitteredReconnectDelayTests.this.attempts.incrementAndGet();
				}

			});

	@Test
	void doublesFromTheMinimumWithJitterInTheUpperHalf() {
		assertThat(this.delay.delayMillis(1, 0)).isEqualTo(5);
		assertThat(this.delay.delayMillis(1, 0.999)).isBetween(5L, 10L);
		assertThat(this.delay.delayMillis(2, 0)).isEqualTo(10);
		assertThat(this.delay.delayMillis(4, 0.999)).isBetween(40L, 80L);
	}

	@Test
	void neverExceedsTheCap() {
		for (long attempt = 1; attempt < 200; attempt++) {
			assertThat(this.delay.delayMillis(attempt, 0.999999)).isLessThanOrEqualTo(1000);
		}
		assertThat(this.delay.delayMillis(Long.MAX_VALUE, 0)).isEqualTo(500);
	}

	@Test
	void countsEveryAttempt() {
		this.delay.createDelay(1);
		this.delay.createDelay(2);
		assertThat(this.attempts).hasValue(2);
	}

}
