package io.github.redisha.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.ClusterChannels;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.NodeProbe;
import io.github.redisha.internal.NodeRole;
import io.github.redisha.internal.ReturningNodes;
import io.github.redisha.internal.RolePoll;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Follows the primaries of a Redis Cluster. At rest it asks one node
 * {@code CLUSTER NODES} per check interval, in turn. When a primary's connection drops, a
 * connect to it is refused, it does not answer that question in time, or the cluster
 * flags it failing ({@code fail?}, {@code fail}), it watches that shard: every 10 ms it
 * asks the shard's replicas {@code ROLE} ({@link RolePoll}), and the moment one answers
 * {@code master} the client switches to it ({@link ClusterChannels#primarySwitched}:
 * fence, redirect, close) and the slot map is reloaded. The watch ends there, or when the
 * primary turns out fine. Old primaries are unfenced once they answer {@code ROLE} as
 * replicas. Every state change happens on one thread, {@code redis-ha-cluster}.
 *
 * @author redis-ha
 */
final class ClusterEngine {

	private static final Log logger = LogFactory.getLog(ClusterEngine.class);

	static final Duration WATCH_MAX = Duration.ofSeconds(60);

	private final FailoverThread thread;

	private final NodeProbe probe;

	private final ReturningNodes returning;

	private final ClusterChannels channels;

	private final PartitionRefresh refresh;

	private final List<RedisEndpoint> seeds;

	private Map<RedisEndpoint, Shard> shards = Map.of();

	private final Map<RedisEndpoint, PrimaryWatch> watches = new LinkedHashMap<>();

	private final Set<RedisEndpoint> replicasReportedDown = new HashSet<>();

	/** The last switch of each shard, by its first slot: a later view repeats it. */
	private final Map<Integer, RedisEndpoint> lastSwitch = new HashMap<>();

	private int nextSource;

	private boolean checking;

	ClusterEngine(FailoverThread thread, NodeProbe probe, ClusterChannels channels, PartitionRefresh refresh,
			List<RedisEndpoint> seeds) {
		this.thread = thread;
		this.probe = probe;
		this.returning = new ReturningNodes(probe, thread);
		this.channels = channels;
		this.refresh = refresh;
		this.seeds = List.copyOf(seeds);
	}

	void start(Duration checkInterval) {
		this.channels.clusterMode((node) -> this.thread.execute(() -> suspect(node, "its connection dropped")));
		this.thread.execute(this::check);
		this.thread.every("the cluster check", Math.max(50, checkInterval.toMillis()), this::check);
	}

	/**
	 * The cheap periodic check: one node's {@code CLUSTER NODES}, then the old primaries
	 * and refused nodes asked {@code ROLE}.
	 */
	void check() {
		askView(true);
		this.channels.fenced().forEach((fenced) -> this.returning.unfenceWhenReplica(fenced, this::unfence));
		this.channels.refusedNodes()
			.forEach((refused) -> this.returning.readmitWhenAnswering(refused, this.channels::nodeAnswered));
	}

	/**
	 * Ask the next node for its view. A primary that does not answer in time is watched,
	 * and the next node is asked at once.
	 * @param again whether to ask another node when this one does not answer
	 */
	private void askView(boolean again) {
		if (this.checking) {
			return;
		}
		RedisEndpoint source = nextSource();
		if (source == null) {
			return;
		}
		this.checking = true;
		this.probe.clusterNodes(source).whenComplete((reply, failure) -> this.thread.execute(() -> {
			this.checking = false;
			ClusterView view = ClusterView.parse(reply);
			if (view != null) {
				apply(view);
				return;
			}
			suspect(source, "it did not answer CLUSTER NODES in time");
			if (again) {
				askView(false);
			}
		}));
	}

	/**
	 * An old primary is a replica now. While it was fenced, Lettuce's reloads reached its
	 * successor under its address; reload once more, now that its own address answers,
	 * before the redirected channels return to it.
	 * @param node the old primary
	 */
	private void unfence(RedisEndpoint node) {
		if (this.channels.liftFence(node)) {
			this.refresh.refresh("unfence").thenRun(() -> this.channels.reconnectRedirected(node));
		}
	}

	private @Nullable RedisEndpoint nextSource() {
		Set<RedisEndpoint> candidates = new LinkedHashSet<>();
		for (Shard shard : this.shards.values()) {
			candidates.add(shard.primary());
			candidates.addAll(shard.replicas());
		}
		candidates.removeAll(this.watches.keySet());
		candidates.removeAll(this.channels.fenced());
		candidates.removeAll(this.replicasReportedDown);
		if (candidates.isEmpty()) {
			candidates.addAll(this.seeds);
		}
		List<RedisEndpoint> ordered = new ArrayList<>(candidates);
		if (ordered.isEmpty()) {
			return null;
		}
		this.nextSource = (this.nextSource + 1) % ordered.size();
		return ordered.get(this.nextSource);
	}

	private void apply(ClusterView view) {
		for (Shard known : List.copyOf(this.shards.values())) {
			RedisEndpoint successor = ShardSuccession.successor(known, view);
			if (successor != null && !this.channels.fenced().contains(successor)) {
				// a failover no connection noticed (planned, or a frozen primary): verify
				this.probe.roleOf(successor).thenAccept((role) -> {
					if (role != null && role.isMaster()) {
						this.thread.execute(() -> switchTo(known, successor, "the cluster moved its slots"));
					}
				});
			}
		}
		Map<RedisEndpoint, Shard> updated = new HashMap<>(view.shards());
		for (PrimaryWatch watch : this.watches.values()) {
			updated.putIfAbsent(watch.shard().primary(), watch.shard());
		}
		this.shards = Map.copyOf(updated);
		this.channels.shards(primaryOfEachNode());
		for (Shard shard : view.shards().values()) {
			if (shard.failing()) {
				suspect(shard.primary(), "the cluster flags it failing");
			}
		}
		reportReplicas(view.failingReplicas());
	}

	private Map<RedisEndpoint, RedisEndpoint> primaryOfEachNode() {
		Map<RedisEndpoint, RedisEndpoint> primaryOf = new HashMap<>();
		for (Shard shard : this.shards.values()) {
			primaryOf.put(shard.primary(), shard.primary());
			shard.replicas().forEach((replica) -> primaryOf.put(replica, shard.primary()));
		}
		return primaryOf;
	}

	private void reportReplicas(Set<RedisEndpoint> failing) {
		for (RedisEndpoint replica : failing) {
			if (this.replicasReportedDown.add(replica)) {
				this.channels.nodeReportedDown(replica, true);
			}
		}
		for (RedisEndpoint replica : List.copyOf(this.replicasReportedDown)) {
			if (!failing.contains(replica)) {
				this.replicasReportedDown.remove(replica);
				this.channels.nodeReportedDown(replica, false);
			}
		}
	}

	/**
	 * A node may have failed: watch it when it is a primary.
	 * @param node the node
	 * @param reason why, for the log
	 */
	void suspect(RedisEndpoint node, String reason) {
		Shard shard = this.shards.get(node);
		if (this.watches.containsKey(node) || this.channels.fenced().contains(node)) {
			return;
		}
		if (shard == null) {
			// no primary (any more): connects to it need not wait
			this.channels.primaryAnswering(node);
			return;
		}
		logger.info("redis-ha: watching the " + shard.slots() + " of primary " + node + " because " + reason
				+ "; asking its replicas " + shard.replicas() + " ROLE every " + RolePoll.TICK_MILLIS + " ms");
		this.channels.primaryFailing(node);
		PrimaryWatch watch = new PrimaryWatch(shard);
		this.watches.put(node, watch);
		List<RedisEndpoint> asked = new ArrayList<>();
		asked.add(node);
		asked.addAll(shard.replicas());
		watch.polling(RolePoll.start(this.thread, this.probe, "a primary watch", asked, WATCH_MAX, false,
				new RolePoll.Listener() {

					@Override
					public void answered(RedisEndpoint answering, @Nullable NodeRole role) {
						watch.answered(answering, role);
					}

					@Override
					public boolean keepAsking() {
						return decide(watch);
					}

					@Override
					public void expired() {
						logger.warn("redis-ha: no replica of " + node + " was promoted within " + WATCH_MAX.toSeconds()
								+ " s; back to the periodic check");
						endWatch(watch);
					}

				}));
	}

	/**
	 * What the answers so far say, before the next tick of a watch.
	 * @param watch the watch
	 * @return whether to go on asking
	 */
	private boolean decide(PrimaryWatch watch) {
		RedisEndpoint promoted = watch.promotedReplica();
		if (promoted != null) {
			switchTo(watch.shard(), promoted, "its replica " + promoted + " was promoted");
			return false;
		}
		if (watch.falseAlarm()) {
			logger.info("redis-ha: primary " + watch.shard().primary() + " answers again; no failover");
			endWatch(watch);
			return false;
		}
		return true;
	}

	private void endWatch(PrimaryWatch watch) {
		this.watches.remove(watch.shard().primary(), watch);
		this.channels.primaryAnswering(watch.shard().primary());
	}

	private void switchTo(Shard old, RedisEndpoint successor, String reason) {
		PrimaryWatch watch = this.watches.remove(old.primary());
		if (watch != null) {
			watch.stop();
		}
		if (successor.equals(this.lastSwitch.get(old.firstSlot())) || this.channels.fenced().contains(old.primary())) {
			return;
		}
		this.lastSwitch.put(old.firstSlot(), successor);
		Duration failover = (watch != null) ? Duration.ofNanos(this.thread.nanoTime() - watch.since()) : null;
		List<RedisEndpoint> replicas = new ArrayList<>(old.replicas());
		replicas.remove(successor);
		replicas.add(old.primary());
		Map<RedisEndpoint, Shard> updated = new HashMap<>(this.shards);
		updated.remove(old.primary());
		updated.put(successor, new Shard(successor, old.firstSlot(), old.slots(), List.copyOf(replicas), false));
		this.shards = Map.copyOf(updated);
		this.channels.shards(primaryOfEachNode());
		int closed = this.channels.primarySwitched(old.slots(), old.primary(), successor, failover);
		logger.warn("redis-ha: the " + old.slots() + " moved from " + old.primary() + " to " + successor + " (" + reason
				+ "); " + closed + " connection(s) to the old primary closed, their commands go to " + successor);
		this.refresh.refresh("switch");
	}

	void stop() {
		this.thread.stop(this.probe::close);
	}

}
