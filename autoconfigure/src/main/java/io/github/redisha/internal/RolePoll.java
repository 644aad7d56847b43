package io.github.redisha.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.github.redisha.RedisEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * The one "ask {@code ROLE} every 10 ms until a node answers {@code master}" of both
 * engines: each tick asks every node that has no question open (so a frozen node does not
 * pile them up) and hands each answer to the {@link Listener} on the engine's thread,
 * until the listener stops it or the deadline passes. Touched on the engine's thread
 * only.
 *
 * @author redis-ha
 */
public final class RolePoll {

	/** How often the nodes are asked. */
	public static final long TICK_MILLIS = 10;

	private final FailoverThread thread;

	private final NodeProbe probe;

	private final String name;

	private final List<RedisEndpoint> nodes;

	private final Listener listener;

	private final long since;

	private final long deadline;

	private final Set<RedisEndpoint> asking = new HashSet<>();

	private @Nullable ScheduledFuture<?> next;

	private boolean stopped;

	private RolePoll(FailoverThread thread, NodeProbe probe, String name, List<RedisEndpoint> nodes, Duration max,
			Listener listener) {
		this.thread = thread;
		this.probe = probe;
		this.name = name;
		this.nodes = List.copyOf(nodes);
		this.listener = listener;
		this.since = thread.nanoTime();
		this.deadline = this.since + max.toNanos();
	}

	/**
	 * Start asking; on the engine's thread.
	 * @param thread the engine's thread, which also runs the ticks
	 * @param probe asks the nodes
	 * @param name what is polled, for the log of a failing tick
	 * @param nodes the nodes to ask
	 * @param max how long to ask before {@link Listener#expired()}
	 * @param askNow whether the first tick runs now, or one tick from now
	 * @param listener told the answers
	 * @return the poll
	 */
	public static RolePoll start(FailoverThread thread, NodeProbe probe, String name, List<RedisEndpoint> nodes,
			Duration max, boolean askNow, Listener listener) {
		RolePoll poll = new RolePoll(thread, probe, name, nodes, max, listener);
		if (askNow) {
			poll.tick();
		}
		else {
			poll.scheduleTick();
		}
		return poll;
	}

	/**
	 * When the poll began.
	 * @return the engine clock's time
	 */
	public long since() {
		return this.since;
	}

	/**
	 * Ask no more; answers still open are dropped.
	 */
	public void stop() {
		this.stopped = true;
		ScheduledFuture<?> scheduled = this.next;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	private void tick() {
		this.next = null;
		if (this.stopped || !this.thread.isRunning() || !this.listener.keepAsking()) {
			this.stopped = true;
			return;
		}
		if (this.thread.nanoTime() - this.deadline > 0) {
			this.stopped = true;
			this.listener.expired();
			return;
		}
		for (RedisEndpoint node : this.nodes) {
			if (this.asking.add(node)) {
				this.probe.roleOf(node)
					.whenComplete((role, failure) -> this.thread.execute(() -> answered(node, role)));
			}
		}
		scheduleTick();
	}

	private void answered(RedisEndpoint node, @Nullable NodeRole role) {
		this.asking.remove(node);
		if (!this.stopped) {
			this.listener.answered(node, role);
		}
	}

	private void scheduleTick() {
		if (!this.stopped) {
			this.next = this.thread.schedule(this.name, this::tick, TICK_MILLIS);
		}
	}

	/**
	 * What a poll tells its owner, on the engine's thread.
	 */
	public interface Listener {

		/**
		 * A node answered {@code ROLE}.
		 * @param node the node
		 * @param role its answer, null when none came in time
		 */
		void answered(RedisEndpoint node, @Nullable NodeRole role);

		/**
		 * Asked before each tick: whether to go on (the answers so far may have settled
		 * it).
		 * @return false to stop the poll
		 */
		default boolean keepAsking() {
			return true;
		}

		/**
		 * The deadline passed without the listener stopping the poll.
		 */
		void expired();

	}

}
