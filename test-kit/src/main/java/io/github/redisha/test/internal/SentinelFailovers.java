package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.List;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologyException;
import io.lettuce.core.RedisCommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual failovers ({@code SENTINEL FAILOVER}) of a Sentinel topology, and waiting for
 * the Sentinels to agree on a new master.
 *
 * @author redis-ha
 */
final class SentinelFailovers {

	private static final Logger logger = LoggerFactory.getLogger(SentinelFailovers.class);

	private static final Duration FAILOVER_ACCEPT_TIMEOUT = Duration.ofSeconds(10);

	private final String masterName;

	private final List<ManagedRedisNode> sentinels;

	private final Probe probe;

	private final SentinelHealth health;

	SentinelFailovers(String masterName, List<ManagedRedisNode> sentinels, Probe probe, SentinelHealth health) {
		this.masterName = masterName;
		this.sentinels = sentinels;
		this.probe = probe;
		this.health = health;
	}

	/**
	 * {@code SENTINEL FAILOVER} on the first responsive Sentinel that accepts it.
	 * @throws RedisTopologyException when no Sentinel runs, one answers {@code INPROG},
	 * or none accepts in time
	 */
	void failover() {
		Poll.until("a Sentinel to accept SENTINEL FAILOVER " + this.masterName, FAILOVER_ACCEPT_TIMEOUT, (missing) -> {
			List<ManagedRedisNode> candidates = SentinelHealth.responsive(this.sentinels);
			if (candidates.isEmpty()) {
				throw new RedisTopologyException("Cannot fail over '" + this.masterName + "': no Sentinel is running");
			}
			for (ManagedRedisNode sentinel : candidates) {
				try {
					String reply = this.probe.failover(sentinel.port(), sentinel.password(), this.masterName);
					logger.info("{} accepted SENTINEL FAILOVER {}: {}", sentinel, this.masterName, reply);
					return Boolean.TRUE;
				}
				catch (RedisCommandExecutionException ex) {
					if (String.valueOf(ex.getMessage()).startsWith("INPROG")) {
						throw new RedisTopologyException("Cannot fail over '" + this.masterName + "': " + sentinel
								+ " answered " + ex.getMessage(), ex);
					}
					missing.add(sentinel + " answered " + ex.getMessage());
				}
				catch (RuntimeException ex) {
					missing.add(sentinel + " did not answer: " + Poll.describe(ex));
				}
			}
			return null;
		});
	}

	/**
	 * Waits until every responsive Sentinel reports the same master other than
	 * {@code oldMaster}, and it answers {@code ROLE} with {@code master}.
	 * @param oldMaster the master before the fault
	 * @param timeout the deadline
	 * @return the new master
	 */
	RedisNode awaitFailover(RedisNode oldMaster, Duration timeout) {
		return Poll.until(
				"all running Sentinels to report a new master of '" + this.masterName + "' instead of "
						+ oldMaster.address() + ", answering ROLE master",
				timeout, (missing) -> this.health.newMaster(oldMaster, missing));
	}

}
