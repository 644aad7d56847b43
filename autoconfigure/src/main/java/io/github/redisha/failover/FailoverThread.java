package io.github.redisha.failover;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one thread, {@code redis-ha-failover}, on which every state change of the failover
 * engine happens, so that its parts need no locks. Lettuce callbacks hand their results
 * to it with {@link #execute(Runnable)}.
 *
 * @author redis-ha
 */
final class FailoverThread {

	private static final Log logger = LogFactory.getLog(FailoverThread.class);

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "redis-ha-failover");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running = true;

	boolean isRunning() {
		return this.running;
	}

	/**
	 * Run a task on the thread, unless stopped; a failure is logged.
	 * @param task the task
	 */
	void execute(Runnable task) {
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

	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return this.executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	void every(long intervalMillis, Runnable task) {
		this.executor.scheduleWithFixedDelay(task, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop taking tasks, run {@code cleanup} as the last one and end the thread.
	 * @param cleanup the last task
	 */
	void stop(Runnable cleanup) {
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
