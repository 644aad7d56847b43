package io.github.redisha.sentinel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.NodeProbe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Follows replicas that the sentinels are promoting: each is asked {@code ROLE} every few
 * milliseconds until it answers {@code master}, which is up to a second before Sentinel
 * publishes {@code +promoted-slave} and several seconds before {@code +switch-master}.
 *
 * @author redis-ha
 */
final class PromotionWatches {

	private static final Log logger = LogFactory.getLog(PromotionWatches.class);

	/** How often a replica being promoted is asked for its role. */
	private static final long POLL_MILLIS = 10;

	/** How long a promotion is followed before giving up on it. */
	private static final Duration WATCH = Duration.ofSeconds(15);

	private final Map<RedisEndpoint, Watch> watches = new ConcurrentHashMap<>();

	private final FailoverThread thread;

	private final NodeProbe roles;

	private final BiConsumer<RedisEndpoint, String> promoted;

	/**
	 * Create the watches.
	 * @param thread the failover thread
	 * @param roles asks the candidates
	 * @param promoted told (on the failover thread) the candidate that answered master,
	 * and why it was watched
	 */
	PromotionWatches(FailoverThread thread, NodeProbe roles, BiConsumer<RedisEndpoint, String> promoted) {
		this.thread = thread;
		this.roles = roles;
		this.promoted = promoted;
	}

	void watch(RedisEndpoint candidate, String reason) {
		if (this.watches.containsKey(candidate)) {
			return;
		}
		Watch watch = new Watch(candidate, reason, this.thread.nanoTime() + WATCH.toNanos());
		this.watches.put(candidate, watch);
		watch.poll();
	}

	void cancel(RedisEndpoint candidate) {
		Watch watch = this.watches.remove(candidate);
		if (watch != null) {
			watch.cancel();
		}
	}

	void cancelAll() {
		this.watches.values().forEach(Watch::cancel);
		this.watches.clear();
	}

	private final class Watch {

		private final RedisEndpoint candidate;

		private final String reason;

		private final long deadline;

		private volatile boolean cancelled;

		private @Nullable ScheduledFuture<?> next;

		Watch(RedisEndpoint candidate, String reason, long deadline) {
			this.candidate = candidate;
			this.reason = reason;
			this.deadline = deadline;
		}

		void poll() {
			if (this.cancelled || !PromotionWatches.this.thread.isRunning()) {
				return;
			}
			if (PromotionWatches.this.thread.nanoTime() > this.deadline) {
				logger.debug("redis-ha: " + this.candidate + " did not become master within " + WATCH);
				PromotionWatches.this.watches.remove(this.candidate, this);
				return;
			}
			PromotionWatches.this.roles.role(this.candidate)
				.whenComplete((role, failure) -> PromotionWatches.this.thread.execute(() -> answered(role)));
		}

		private void answered(@Nullable String role) {
			if (this.cancelled) {
				return;
			}
			if ("master".equals(role)) {
				PromotionWatches.this.watches.remove(this.candidate, this);
				PromotionWatches.this.promoted.accept(this.candidate, this.reason);
			}
			else {
				this.next = PromotionWatches.this.thread.schedule("a promotion watch", this::poll, POLL_MILLIS);
			}
		}

		void cancel() {
			this.cancelled = true;
			ScheduledFuture<?> scheduled = this.next;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

	}

}
