/**
 * Redis Cluster failover: follows each shard's primary and moves the client to a promoted
 * replica without waiting for a command timeout.
 */
@NullMarked
package io.github.redisha.cluster;

import org.jspecify.annotations.NullMarked;
