package io.github.redisha.credentials;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Re-reads the credential files when their directory reports a change, and every refresh
 * interval in any case: a Kubernetes secret volume updates by swapping its {@code ..data}
 * symlink, which a watch on the directory sees as events on other names, and some file
 * systems (network, overlay) send no events at all. One daemon thread,
 * {@code redis-ha-credentials}.
 *
 * @author redis-ha
 */
public final class CredentialsWatch implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CredentialsWatch.class);

	// a rewrite arrives as several events (truncate, write); read once they stop
	private static final long SETTLE_MILLIS = 50;

	private final RedisHaCredentials credentials;

	private final Duration interval;

	private volatile @Nullable Thread thread;

	private volatile @Nullable WatchService watch;

	public CredentialsWatch(RedisHaCredentials credentials, Duration interval) {
		this.credentials = credentials;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.watch = watchDirectories();
		Thread watching = new Thread(this::run, "redis-ha-credentials");
		watching.setDaemon(true);
		this.thread = watching;
		watching.start();
	}

	private @Nullable WatchService watchDirectories() {
		Set<Path> directories = new LinkedHashSet<>();
		for (Path file : this.credentials.files()) {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				directories.add(parent);
			}
		}
		try {
			WatchService service = FileSystems.getDefault().newWatchService();
			for (Path directory : directories) {
				directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
						StandardWatchEventKinds.ENTRY_DELETE);
			}
			return service;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("redis-ha: cannot watch the credential files' directories " + directories + " ("
					+ ex.getClass().getSimpleName() + "); re-reading them every " + this.interval.toMillis() + "ms");
			return null;
		}
	}

	private void run() {
		while (Thread.currentThread() == this.thread) {
			try {
				awaitChangeOrInterval();
				this.credentials.refresh();
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				return;
			}
			catch (RuntimeException ex) {
				logger.warn("redis-ha: re-reading the credential files failed (" + ex.getClass().getSimpleName()
						+ "); trying again in " + this.interval.toMillis() + "ms");
			}
		}
	}

	private void awaitChangeOrInterval() throws InterruptedException {
		WatchService service = this.watch;
		if (service == null) {
			Thread.sleep(this.interval.toMillis());
			return;
		}
		WatchKey key = service.poll(this.interval.toMillis(), TimeUnit.MILLISECONDS);
		while (key != null) {
			key.pollEvents();
			key.reset();
			key = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		Thread watching = this.thread;
		this.thread = null;
		if (watching != null) {
			watching.interrupt();
		}
		WatchService service = this.watch;
		if (service != null) {
			try {
				service.close();
			}
			catch (IOException ex) {
				// closing only ends the thread's wait
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
