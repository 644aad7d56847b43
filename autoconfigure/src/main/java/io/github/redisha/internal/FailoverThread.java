package io.github.redisha.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one thread on which every state change of a failover engine (Sentinel:
 * {@code redis-ha-failover}, cluster: {@code redis-ha-cluster}) happens, so that its
 * parts need no locks, and the clock its parts read. Lettuce callbacks hand their results
 * to it with {@link #execute(Runnable)}. A task that throws is logged and the thread goes
 * on: a periodic task runs again at its next tick (an exception would otherwise cancel it
 * for good). Each kind of failure (task and exception class) is logged once as a warning,
 * then at debug level, and a periodic task that runs again after failing says so once.
 *
 * @author redis-ha
 */
public final class FailoverThread {

	private static final Log logger = LogFactory.getLog(FailoverThread.class);

	private static final String TASK = "failover task";

	private final ScheduledExecutorService executor;

	private final LongSupplier nanoTime;

	/** The kinds of failure seen, by task name; only touched on the thread. */
	private final Map<String, Set<Class<?>>> failures = new HashMap<>();

	private volatile boolean running = true;

	/**
	 * The Sentinel engine's thread, {@code redis-ha-failover}.
	 */
	public FailoverThread() {
		this("redis-ha-failover");
	}

	/**
	 * A thread of the given name.
	 * @param name the thread's name
	 */
	public FailoverThread(String name) {
		this(Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		}), System::nanoTime);
	}

	/**
	 * A thread on the given executor and clock, for tests that run tasks and move time by
	 * hand.
	 * @param executor runs the tasks, one at a time
	 * @param nanoTime the clock
	 */
	FailoverThread(ScheduledExecutorService executor, LongSupplier nanoTime) {
		this.executor = executor;
		this.nanoTime = nanoTime;
	}

	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The time now, as {@link System#nanoTime()}: the clock every part of the engine
	 * reads.
	 * @return the time in nanoseconds
	 */
	public long nanoTime() {
		return this.nanoTime.getAsLong();
	}

	/**
	 * Run a task on the thread, unless stopped; a failure is logged.
	 * @param task the task
	 */
	public void execute(Runnable task) {
		if (!this.running) {
			return;
		}
		try {
			this.executor.execute(guarded(TASK, task, false));
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	/**
	 * Run a task once after a delay; a failure is logged.
	 * @param name what the task does, for the log
	 * @param task the task
	 * @param delayMillis the delay
	 * @return the scheduled task
	 */
	public ScheduledFuture<?> schedule(String name, Runnable task, long delayMillis) {
		return this.executor.schedule(guarded(name, task, false), delayMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Run a task periodically, with a fixed delay between runs. A run that fails is
	 * logged and the next one runs as planned.
	 * @param name what the task does, for the log
	 * @param intervalMillis the delay before the first run and between runs
	 * @param task the task
	 */
	public void every(String name, long intervalMillis, Runnable task) {
		this.executor.scheduleWithFixedDelay(guarded(name, task, true), intervalMillis, intervalMillis,
				TimeUnit.MILLISECONDS);
	}

	private Runnable guarded(String name, Runnable task, boolean reportRecovery) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				failed(name, ex);
				return;
			}
			if (reportRecovery && this.failures.remove(name) != null) {
				logger.info("redis-ha: " + name + " runs again");
			}
		};
	}

	private void failed(String name, RuntimeException ex) {
		if (this.failures.computeIfAbsent(name, (key) -> new HashSet<>()).add(ex.getClass())) {
			logger.warn("redis-ha: " + name + " failed; it goes on, further failures like this one are logged at"
					+ " debug level", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("redis-ha: " + name + " failed again", ex);
		}
	}

	/**
	 * Stop taking tasks, run {@code cleanup} as the last one and end the thread.
	 * @param cleanup the last task
	 */
	public void stop(Runnable cleanup) {
		this.running = false;
		try {
			this.executor.submit(cleanup).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// shutting down anyway
		}
		this.executor.shutdownNow();
	}

}
