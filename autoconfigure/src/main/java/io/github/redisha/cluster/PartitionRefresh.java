package io.github.redisha.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.redisha.failover.FailoverListener;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.AskRedirectionEvent;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.event.MovedRedirectionEvent;
import io.lettuce.core.event.Event;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * The application's {@link RedisClusterClient}, seen from the engine: reloads its slot
 * map right after a primary switch, and counts what its event bus reports (redirects by
 * type, Lettuce's own slot map changes) for the meters.
 *
 * @author redis-ha
 */
final class PartitionRefresh {

	private static final Log logger = LogFactory.getLog(PartitionRefresh.class);

	private final Supplier<@Nullable AbstractRedisClient> client;

	private final FailoverListener listener;

	/** Reloads redis-ha started that have not completed: their change events are ours. */
	private final AtomicInteger ownInFlight = new AtomicInteger();

	private @Nullable Disposable subscription;

	PartitionRefresh(Supplier<@Nullable AbstractRedisClient> client, FailoverListener listener) {
		this.client = client;
		this.listener = listener;
	}

	/**
	 * Reload the slot map now, without waiting for it.
	 * @param cause the meter's cause: {@code switch} (a primary moved) or {@code unfence}
	 * (an old primary became a replica)
	 * @return completes when the reload is done, also when it failed
	 */
	CompletableFuture<Void> refresh(String cause) {
		if (!(this.client.get() instanceof RedisClusterClient cluster)) {
			return CompletableFuture.completedFuture(null);
		}
		this.ownInFlight.incrementAndGet();
		this.listener.topologyRefreshed(cause);
		try {
			return cluster.refreshPartitionsAsync().toCompletableFuture().handle((ignored, failure) -> {
				this.ownInFlight.decrementAndGet();
				if (failure != null && logger.isDebugEnabled()) {
					logger.debug("redis-ha: reloading the cluster slots (" + cause + ") failed: " + failure);
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			this.ownInFlight.decrementAndGet();
			logger.debug("redis-ha: reloading the cluster slots (" + cause + ") failed", ex);
			return CompletableFuture.completedFuture(null);
		}
	}

	/**
	 * Count the events of the application's client resources.
	 * @param resources the application's resources, null when unknown
	 */
	void observe(@Nullable ClientResources resources) {
		if (resources != null) {
			this.subscription = resources.eventBus().get().subscribe(this::onEvent);
		}
	}

	private void onEvent(Event event) {
		if (event instanceof MovedRedirectionEvent) {
			this.listener.redirected("moved");
		}
		else if (event instanceof AskRedirectionEvent) {
			this.listener.redirected("ask");
		}
		else if (event instanceof ClusterTopologyChangedEvent && this.ownInFlight.get() == 0) {
			this.listener.topologyRefreshed("client");
		}
	}

	void close() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
	}

}
