package io.github.redisha.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} for unit tests, with a clock of its own: nothing
 * runs until the test says so ({@link #runDue()}, {@link #advance(Duration)}), and time
 * only moves when the test moves it. Like the JDK's scheduler, a periodic task that
 * throws is not run again. {@link #thread()} is a {@link FailoverThread} on it.
 *
 * @author redis-ha
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();

	private long now = 1_000_000_000L;

	private long sequence;

	private boolean shutdown;

	/**
	 * A failover thread whose tasks and clock this scheduler drives.
	 * @return the thread
	 */
	public FailoverThread thread() {
		return new FailoverThread(this, this::nanoTime);
	}

	/**
	 * The time now.
	 * @return nanoseconds
	 */
	public long nanoTime() {
		return this.now;
	}

	/**
	 * Run every task that is due now, including the ones those schedule for now.
	 * @return how many ran
	 */
	public int runDue() {
		int ran = 0;
		while (!this.queue.isEmpty() && this.queue.peek().due <= this.now) {
			this.queue.poll().run();
			ran++;
		}
		return ran;
	}

	/**
	 * Move the clock forward, running each task when its time comes.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		long target = this.now + duration.toNanos();
		runDue();
		while (!this.queue.isEmpty() && this.queue.peek().due <= target) {
			Task<?> next = this.queue.poll();
			this.now = Math.max(this.now, next.due);
			next.run();
			runDue();
		}
		this.now = target;
	}

	/**
	 * The delays of the tasks waiting, in the order they will run.
	 * @return their delays from now
	 */
	public List<Duration> pending() {
		List<Task<?>> ordered = new ArrayList<>(this.queue);
		ordered.sort(null);
		return ordered.stream().map((task) -> Duration.ofNanos(task.due - this.now)).toList();
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	/**
	 * What a caller waits for runs at once, with what else is due, as the thread would.
	 */
	@Override
	public Future<?> submit(Runnable task) {
		Future<?> future = super.submit(task);
		runDue();
		return future;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return add(new Task<>(Executors.callable(command), unit.toNanos(delay), 0));
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return add(new Task<>(callable, unit.toNanos(delay), 0));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return scheduleWithFixedDelay(command, initialDelay, period, unit);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return add(new Task<>(Executors.callable(command), unit.toNanos(initialDelay), unit.toNanos(delay)));
	}

	private <V> Task<V> add(Task<V> task) {
		if (this.shutdown) {
			throw new java.util.concurrent.RejectedExecutionException("shut down");
		}
		this.queue.add(task);
		return task;
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> left = new ArrayList<>(this.queue);
		this.queue.clear();
		return left;
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutdown && this.queue.isEmpty();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {

		private final long period;

		private final long order = ManualScheduler.this.sequence++;

		private long due;

		Task(Callable<V> callable, long delay, long period) {
			super(callable);
			this.due = ManualScheduler.this.now + delay;
			this.period = period;
		}

		@Override
		public boolean isPeriodic() {
			return this.period > 0;
		}

		@Override
		public void run() {
			if (!isPeriodic()) {
				super.run();
			}
			else if (runAndReset()) {
				this.due = ManualScheduler.this.now + this.period;
				ManualScheduler.this.queue.add(this);
			}
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			ManualScheduler.this.queue.remove(this);
			return super.cancel(mayInterruptIfRunning);
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.due - ManualScheduler.this.now, TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			Task<?> task = (Task<?>) other;
			int byDue = Long.compare(this.due, task.due);
			return (byDue != 0) ? byDue : Long.compare(this.order, task.order);
		}

	}

}
