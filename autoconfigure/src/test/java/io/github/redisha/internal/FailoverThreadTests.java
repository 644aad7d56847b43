package io.github.redisha.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailoverThread}: a task that throws is logged once per kind of failure
 * and a periodic one keeps running; time is moved by hand.
 *
 * @author redis-ha
 */
class FailoverThreadTests {

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FailoverThread thread = this.scheduler.thread();

	private final Logger logger = (Logger) LoggerFactory.getLogger(FailoverThread.class);

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private Level level;

	@BeforeEach
	void captureLog() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.logger.setAdditive(false);
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
		this.logger.setLevel(this.level);
		this.logger.setAdditive(true);
	}

	@Test
	void aPeriodicTaskThatThrowsRunsAgainAtItsNextTick() {
		AtomicInteger runs = new AtomicInteger();
		this.thread.every("cluster check", 100, () -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("unexpected reply");
			}
		});
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(runs).hasValue(1);
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(runs).hasValue(2);
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(runs).hasValue(3);
		assertThat(lines(Level.WARN)).containsExactly("redis-ha: cluster check failed; it goes on, further failures "
				+ "like this one are logged at debug level");
		assertThat(this.log.list.get(0).getThrowableProxy().getMessage()).isEqualTo("unexpected reply");
		assertThat(lines(Level.INFO)).containsExactly("redis-ha: cluster check runs again");
	}

	@Test
	void theSameFailureEveryTickIsWarnedOnceThenLoggedAtDebug() {
		AtomicInteger runs = new AtomicInteger();
		this.thread.every("cluster check", 100, () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("unexpected reply");
		});
		this.scheduler.advance(Duration.ofMillis(500));
		assertThat(runs).hasValue(5);
		assertThat(lines(Level.WARN)).hasSize(1);
		assertThat(lines(Level.DEBUG)).hasSize(4).containsOnly("redis-ha: cluster check failed again");
		assertThat(lines(Level.INFO)).isEmpty();
	}

	@Test
	void anotherKindOfFailureIsWarnedAgain() {
		AtomicInteger runs = new AtomicInteger();
		this.thread.every("cluster check", 100, () -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("unexpected reply");
			}
			throw new IllegalArgumentException("client shut down");
		});
		this.scheduler.advance(Duration.ofMillis(300));
		assertThat(runs).hasValue(3);
		assertThat(this.log.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.extracting((event) -> event.getThrowableProxy().getClassName())
			.containsExactly(IllegalStateException.class.getName(), IllegalArgumentException.class.getName());
	}

	@Test
	void aDelayedTaskThatThrowsDoesNotStopTheThread() {
		AtomicInteger later = new AtomicInteger();
		this.thread.schedule("watch tick", () -> {
			throw new IllegalStateException("boom");
		}, 10);
		this.thread.schedule("watch tick", later::incrementAndGet, 20);
		this.thread.execute(() -> {
			throw new IllegalStateException("boom");
		});
		this.scheduler.advance(Duration.ofMillis(20));
		assertThat(later).hasValue(1);
		assertThat(lines(Level.WARN)).hasSize(2);
	}

	@Test
	void withoutTheGuardTheSchedulerWouldCancelThePeriodicTask() {
		// the test double behaves like the JDK's scheduler, so the tests above can fail
		AtomicInteger runs = new AtomicInteger();
		this.scheduler.scheduleWithFixedDelay(() -> {
			runs.incrementAndGet();
			throw new IllegalStateException("boom");
		}, 100, 100, TimeUnit.MILLISECONDS);
		this.scheduler.advance(Duration.ofMillis(500));
		assertThat(runs).hasValue(1);
	}

	@Test
	void readsTimeFromItsClock() {
		long before = this.thread.nanoTime();
		this.scheduler.advance(Duration.ofSeconds(3));
		assertThat(this.thread.nanoTime() - before).isEqualTo(Duration.ofSeconds(3).toNanos());
	}

	private List<String> lines(Level level) {
		return this.log.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

}
