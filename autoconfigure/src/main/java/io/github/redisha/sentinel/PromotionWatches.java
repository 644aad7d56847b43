package io.github.redisha.sentinel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.NodeProbe;
import io.github.redisha.internal.NodeRole;
import io.github.redisha.internal.RolePoll;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Follows replicas that the sentinels are promoting: each is asked {@code ROLE} every
 * {@value RolePoll#TICK_MILLIS} ms ({@link RolePoll}) until it answers {@code master},
 * which is up to a second before Sentinel publishes {@code +promoted-slave} and several
 * seconds before {@code +switch-master}.
 *
 * @author redis-ha
 */
final class PromotionWatches {

	private static final Log logger = LogFactory.getLog(PromotionWatches.class);

	/** How long a promotion is followed before giving up on it. */
	static final Duration WATCH = Duration.ofSeconds(15);

	private final Map<RedisEndpoint, RolePoll> watches = new ConcurrentHashMap<>();

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

	/**
	 * Watch a candidate, unless it is watched already; on the failover thread.
	 * @param candidate the replica being promoted
	 * @param reason why, told with the promotion
	 */
	void watch(RedisEndpoint candidate, String reason) {
		if (this.watches.containsKey(candidate) || !this.thread.isRunning()) {
			return;
		}
		Watch watch = new Watch(candidate, reason);
		this.watches.put(candidate, watch.start());
	}

	boolean isWatching(RedisEndpoint candidate) {
		return this.watches.containsKey(candidate);
	}

	void cancel(RedisEndpoint candidate) {
		RolePoll poll = this.watches.remove(candidate);
		if (poll != null) {
			poll.stop();
		}
	}

	void cancelAll() {
		this.watches.values().forEach(RolePoll::stop);
		this.watches.clear();
	}

	private final class Watch implements RolePoll.Listener {

		private final RedisEndpoint candidate;

		private final String reason;

		private @Nullable RolePoll poll;

		Watch(RedisEndpoint candidate, String reason) {
			this.candidate = candidate;
			this.reason = reason;
		}

		RolePoll start() {
			RolePoll started = RolePoll.start(PromotionWatches.this.thread, PromotionWatches.this.roles,
					"a promotion watch", List.of(this.candidate), WATCH, true, this);
			this.poll = started;
			return started;
		}

		@Override
		public void answered(RedisEndpoint node, @Nullable NodeRole role) {
			if (role != null && role.isMaster()) {
				end();
				PromotionWatches.this.promoted.accept(this.candidate, this.reason);
			}
		}

		@Override
		public void expired() {
			logger.debug("redis-ha: " + this.candidate + " did not become master within " + WATCH);
			end();
		}

		private void end() {
			RolePoll started = this.poll;
			if (started != null) {
				started.stop();
				PromotionWatches.this.watches.remove(this.candidate, started);
			}
		}

	}

}
