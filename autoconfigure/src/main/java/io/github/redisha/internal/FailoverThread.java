package io.github.redisha.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one thread on which every state change of a failover engine (Sentinel:
 * {@code redis-ha-failover}, cluster: {@code redis-ha-cluster}) happens, so that its
 * parts need no locks. Lettuce callbacks hand their results to it with
 * {@link #execute(Runnable)}.
 *
 * @author redis-ha
 */
public final class FailoverThread {

	private static final Log logger = LogFactory.getLog(FailoverThread.class);

	private final ScheduledExecutorService executor;

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
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	public boolean isRunning() {
		return this.running;
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
			this.executor.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.warn("redis-ha: failover task failed", ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return this.executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	public void every(long intervalMillis, Runnable task) {
		this.executor.scheduleWithFixedDelay(task, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
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
