package io.github.redisha.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.redisha.test.SentinelTopology.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sentinel StatefulSet redeployed: new Sentinels on new ports monitoring the current
 * master with the same configuration join the Service, the old ones are stopped and leave
 * it, and each new one is sent {@code SENTINEL RESET *} in turn, waiting until it knows
 * exactly the other new ones again before the next (Redis' procedure for removing
 * Sentinels; its 30 s pause between resets is replaced by that wait).
 *
 * @author redis-ha
 */
final class SentinelRedeploy {

	private static final Logger logger = LoggerFactory.getLogger(SentinelRedeploy.class);

	private final Spec spec;

	private final ServerRuntime.Factory runtimes;

	private final Probe probe;

	SentinelRedeploy(Spec spec, ServerRuntime.Factory runtimes, Probe probe) {
		this.spec = spec;
		this.runtimes = runtimes;
		this.probe = probe;
	}

	/**
	 * Starts the new Sentinels and retires the old ones.
	 * @param master the current master
	 * @param old the Sentinels to replace
	 * @param firstIndex the index in the new Sentinels' names ({@code sentinel-i})
	 * @param ports the ports of the new Sentinels, one each
	 * @param service the Service in front of the Sentinels, or {@code null}
	 * @return the new Sentinels, running and reset
	 */
	List<ManagedRedisNode> redeploy(ManagedRedisNode master, List<ManagedRedisNode> old, int firstIndex,
			List<Integer> ports, TcpService service) {
		long deadline = System.nanoTime() + this.spec.startupTimeout().toNanos();
		List<ManagedRedisNode> fresh = new ArrayList<>();
		for (int i = 0; i < ports.size(); i++) {
			ManagedRedisNode sentinel = new ManagedRedisNode("sentinel-" + (firstIndex + i), true, ports.get(i),
					this.spec.sentinelPassword(), this.probe, this.spec.startupTimeout(), this.runtimes);
			sentinel.writeConfig(SentinelTopologyConfig.sentinel(this.spec, sentinel, master.announcedPort()));
			fresh.add(sentinel);
		}
		fresh.forEach(ManagedRedisNode::launch);
		for (ManagedRedisNode sentinel : fresh) {
			sentinel.awaitUp(Poll.remaining(deadline));
		}
		awaitPeers(fresh, fresh, false, deadline);
		if (service != null) {
			fresh.forEach((sentinel) -> service.add(sentinel.port()));
		}
		for (ManagedRedisNode sentinel : old) {
			if (service != null) {
				service.remove(sentinel.port());
			}
			sentinel.stop();
		}
		for (ManagedRedisNode sentinel : fresh) {
			long forgotten = this.probe.sentinel(sentinel.port(), sentinel.password(),
					(commands) -> commands.reset("*"));
			logger.info("{}: SENTINEL RESET * reset {} master(s)", sentinel, forgotten);
			awaitPeers(List.of(sentinel), fresh, true, deadline);
		}
		logger.info("Redeployed Sentinels {} -> {}", old, fresh);
		return fresh;
	}

	private static Set<Integer> peerPorts(List<ManagedRedisNode> sentinels, ManagedRedisNode self) {
		Set<Integer> ports = new TreeSet<>();
		sentinels.stream().filter((other) -> other != self).forEach((other) -> ports.add(other.announcedPort()));
		return ports;
	}

	/**
	 * Waits until each of {@code checked} lists the other Sentinels of {@code group}
	 * ({@code SENTINEL SENTINELS}); with {@code exactly}, those and no others.
	 * @param checked the Sentinels to ask
	 * @param group the Sentinels they must list (each but itself)
	 * @param exactly whether they must list no others
	 * @param deadline the deadline ({@link System#nanoTime()})
	 */
	private void awaitPeers(List<ManagedRedisNode> checked, List<ManagedRedisNode> group, boolean exactly,
			long deadline) {
		Poll.until("the new Sentinels to know each other", Poll.remaining(deadline), (missing) -> {
			for (ManagedRedisNode sentinel : checked) {
				Probe.SentinelView view = this.probe.sentinelView(sentinel.port(), sentinel.password(),
						this.spec.masterName());
				Set<Integer> listed = new TreeSet<>();
				view.sentinels().forEach((entry) -> listed.add(Integer.parseInt(entry.getOrDefault("port", "0"))));
				Set<Integer> expected = peerPorts(group, sentinel);
				if (exactly ? !listed.equals(expected) : !listed.containsAll(expected)) {
					missing.add(sentinel + " lists Sentinels " + listed + ", expected " + expected
							+ (exactly ? " only" : ""));
				}
			}
			return missing.isEmpty() ? Boolean.TRUE : null;
		});
	}

}
