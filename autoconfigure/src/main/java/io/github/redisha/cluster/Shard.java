package io.github.redisha.cluster;

import java.util.List;

import io.github.redisha.RedisEndpoint;

/**
 * One shard as a node's {@code CLUSTER NODES} describes it: the primary, its first slot
 * (which identifies the shard across a failover), its replicas, and whether the reporting
 * node sees the primary failing.
 *
 * @param primary the node that owns the slots
 * @param firstSlot the lowest slot it owns
 * @param slots the slot ranges, for logs and meters, e.g. {@code slots 0-5460}
 * @param replicas its replicas, failing ones included
 * @param failing whether the primary is flagged {@code fail?} or {@code fail}
 * @author redis-ha
 */
record Shard(RedisEndpoint primary, int firstSlot, String slots, List<RedisEndpoint> replicas, boolean failing) {

}
