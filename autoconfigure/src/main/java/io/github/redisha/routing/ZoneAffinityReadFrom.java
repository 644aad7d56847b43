package io.github.redisha.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisURI;
import io.lettuce.core.models.role.RedisNodeDescription;

/**
 * {@code REDIS_READ_FROM=zone-affinity}: replicas in the application's zone first, then
 * the other replicas, then the master. Lettuce takes the first node of the selection it
 * can connect to, so a zone without a healthy replica falls back to another zone, and to
 * the master, without an error. Candidates come from a delegate that already leaves out
 * nodes known to be down ({@link ReachabilityAwareReadFrom}). A node redis-ha has
 * verified as the master counts as the master even while Lettuce's topology still lists
 * it as a replica (it refreshes seconds after a failover), so a promoted replica stops
 * taking replica reads at once. Several replicas in the zone take turns.
 *
 * @author redis-ha
 */
final class ZoneAffinityReadFrom extends ReadFrom {

	private final ReadFrom candidates;

	private final String clientZone;

	private final NodeZones zones;

	private final BiPredicate<String, Integer> verifiedMaster;

	private final ZoneReadCounts counts;

	private final AtomicInteger turn = new AtomicInteger();

	/**
	 * Zone-first routing.
	 * @param candidates selects the nodes to order (all nodes, less those known down)
	 * @param clientZone the application's zone
	 * @param zones the nodes' zones
	 * @param verifiedMaster whether a host and port is the master redis-ha verified
	 * @param counts counts each selection by what it starts with
	 */
	ZoneAffinityReadFrom(ReadFrom candidates, String clientZone, NodeZones zones,
			BiPredicate<String, Integer> verifiedMaster, ZoneReadCounts counts) {
		this.candidates = candidates;
		this.clientZone = clientZone;
		this.zones = zones;
		this.verifiedMaster = verifiedMaster;
		this.counts = counts;
	}

	@Override
	public List<RedisNodeDescription> select(Nodes nodes) {
		List<RedisNodeDescription> selection = this.candidates.select(nodes);
		List<RedisNodeDescription> sameZone = new ArrayList<>(2);
		List<RedisNodeDescription> ordered = new ArrayList<>(selection.size());
		List<RedisNodeDescription> masters = new ArrayList<>(1);
		for (RedisNodeDescription node : selection) {
			RedisURI uri = node.getUri();
			if (node.getRole().isUpstream() || this.verifiedMaster.test(uri.getHost(), uri.getPort())) {
				masters.add(node);
			}
			else if (this.clientZone.equals(this.zones.zoneOf(uri.getHost(), uri.getPort()))) {
				sameZone.add(node);
			}
			else {
				ordered.add(node);
			}
		}
		if (sameZone.size() > 1) {
			int first = Math.floorMod(this.turn.getAndIncrement(), sameZone.size());
			List<RedisNodeDescription> turned = new ArrayList<>(sameZone.subList(first, sameZone.size()));
			turned.addAll(sameZone.subList(0, first));
			sameZone = turned;
		}
		this.counts.record(!sameZone.isEmpty(), !ordered.isEmpty(), !masters.isEmpty());
		ordered.addAll(0, sameZone);
		ordered.addAll(masters);
		return ordered;
	}

	@Override
	protected boolean isOrderSensitive() {
		return true;
	}

	@Override
	public String toString() {
		return "ZoneAffinity[" + this.clientZone + "]";
	}

}
