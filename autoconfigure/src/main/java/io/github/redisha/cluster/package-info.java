/**
 * The Redis Cluster engine: follows each shard's primary and moves the client to a
 * promoted replica without waiting for a command timeout, through the client side's
 * {@code ClusterChannels}. Holds the cluster-only engine code; nothing here but the
 * auto-configuration is public.
 */
@NullMarked
package io.github.redisha.cluster;

import org.jspecify.annotations.NullMarked;
