package io.github.redisha.sentinel;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.SentinelChannels;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.MasterVote;
import io.github.redisha.internal.NodeProbe;
import io.github.redisha.internal.ReturningNodes;
import io.github.redisha.sentinel.SentinelLink.MasterAnswer;
import org.jspecify.annotations.Nullable;

/**
 * Finds the master by asking: every reachable sentinel names one, {@link MasterVote}
 * picks it, and it is followed once it answers {@code ROLE} as master. A fenced old
 * master is only taken back when the current one turned out to be a replica. Also asks
 * fenced and refusing nodes whether they are usable again.
 *
 * @author redis-ha
 */
final class MasterResolution {

	private final Supplier<List<CompletableFuture<@Nullable MasterAnswer>>> sentinels;

	private final NodeProbe roles;

	private final ReturningNodes returning;

	private final SentinelChannels channels;

	private final MasterDownState masterDown;

	private final FailoverThread thread;

	private final Supplier<@Nullable RedisEndpoint> master;

	private final BiConsumer<RedisEndpoint, String> switchTo;

	/**
	 * Create the resolution.
	 * @param sentinels asks every reachable sentinel for the master
	 * @param roles asks data nodes
	 * @param channels the client's channels, for fencing
	 * @param masterDown cleared when no sentinel flags the master any more
	 * @param thread the failover thread
	 * @param master the master followed now
	 * @param switchTo told (on the failover thread) the verified master to follow, and
	 * why
	 */
	MasterResolution(Supplier<List<CompletableFuture<@Nullable MasterAnswer>>> sentinels, NodeProbe roles,
			SentinelChannels channels, MasterDownState masterDown, FailoverThread thread,
			Supplier<@Nullable RedisEndpoint> master, BiConsumer<RedisEndpoint, String> switchTo) {
		this.sentinels = sentinels;
		this.roles = roles;
		this.returning = new ReturningNodes(roles, thread);
		this.channels = channels;
		this.masterDown = masterDown;
		this.thread = thread;
		this.master = master;
		this.switchTo = switchTo;
	}

	/**
	 * Ask the sentinels for the master and follow it once verified.
	 * @param reason why, for the log
	 * @return completes when done
	 */
	CompletableFuture<Void> resolve(String reason) {
		if (!this.thread.isRunning()) {
			return CompletableFuture.completedFuture(null);
		}
		long askedAt = this.thread.nanoTime();
		List<CompletableFuture<@Nullable MasterAnswer>> asked = this.sentinels.get();
		return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenCompose((ignored) -> {
			List<MasterAnswer> answers = asked.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
			RedisEndpoint current = this.master.get();
			RedisEndpoint elected = MasterVote.elect(
					answers.stream().map((answer) -> new MasterVote.Report(answer.master(), answer.epoch())).toList(),
					current);
			if (elected == null) {
				return CompletableFuture.completedFuture(null);
			}
			if (elected.equals(current)) {
				if (answers.stream().noneMatch(MasterAnswer::troubled)) {
					// no sentinel flags the master down any more: forget down reports
					// whose end we missed
					this.thread.execute(() -> this.masterDown.notFlaggedSince(askedAt));
				}
				if (this.channels.fenced().contains(current)) {
					// the sentinels still name a master that answered READONLY: they
					// disagree with it
					return followReplication(current, reason);
				}
				return CompletableFuture.completedFuture(null);
			}
			return verifyAndSwitch(elected, current, reason);
		});
	}

	private CompletableFuture<Void> verifyAndSwitch(RedisEndpoint elected, @Nullable RedisEndpoint current,
			String reason) {
		CompletableFuture<@Nullable String> currentRole = (current != null && this.channels.fenced().contains(elected))
				? this.roles.role(current) : CompletableFuture.completedFuture(null);
		return this.roles.role(elected).thenCombine(currentRole, (electedRole, roleOfCurrent) -> {
			this.thread.execute(() -> {
				if (!"master".equals(electedRole) || elected.equals(this.master.get())) {
					return;
				}
				boolean fenced = this.channels.fenced().contains(elected);
				if (fenced && !"slave".equals(roleOfCurrent)) {
					// an old master that still answers master while ours does too: the
					// sentinels lag
					// behind a promotion redis-ha already followed
					return;
				}
				if (fenced) {
					this.channels.unfence(elected);
				}
				this.switchTo.accept(elected, reason);
			});
			return null;
		});
	}

	/**
	 * The master answered as a replica while the sentinels still name it (they are racing
	 * each other, e.g. one reconverted a freshly promoted replica). Follow the node it
	 * replicates from, if that one answers {@code ROLE} as master: writes there reach the
	 * demoted node as well, and the sentinels will fail over from the chain they built.
	 * @param demoted the node that answered as a replica
	 * @param reason why the master is resolved, for the log
	 * @return completes when the master is followed or resolved again
	 */
	private CompletableFuture<Void> followReplication(RedisEndpoint demoted, String reason) {
		return this.roles.roleOf(demoted).thenCompose((role) -> {
			RedisEndpoint upstream = (role != null && role.isReplica()) ? role.replicaOf() : null;
			if (upstream == null || upstream.equals(demoted)) {
				return CompletableFuture.completedFuture(null);
			}
			return this.roles.role(upstream).thenAccept((upstreamRole) -> {
				if ("master".equals(upstreamRole)) {
					this.thread.execute(() -> {
						if (demoted.equals(this.master.get())) {
							if (this.channels.fenced().contains(upstream)) {
								this.channels.unfence(upstream);
							}
							this.switchTo.accept(upstream, reason + "; " + demoted + " replicates from it");
						}
					});
				}
			});
		});
	}

	/**
	 * A fenced node that is not the master and answers as a replica is unfenced; the
	 * current master stays fenced until a switch moves the client away.
	 * @param node the node
	 */
	void checkFenced(RedisEndpoint node) {
		if (this.channels.fenced().contains(node) && !node.equals(this.master.get())) {
			this.returning.unfenceWhenReplica(node, this.channels::unfence);
		}
	}

	/**
	 * Nodes that refused connects and answer again are routed to again.
	 */
	void checkRefused() {
		RedisEndpoint current = this.master.get();
		for (RedisEndpoint node : this.channels.refusedNodes()) {
			if (!node.equals(current) && !this.channels.fenced().contains(node)) {
				this.returning.readmitWhenAnswering(node, this.channels::nodeAnswered);
			}
		}
	}

}
