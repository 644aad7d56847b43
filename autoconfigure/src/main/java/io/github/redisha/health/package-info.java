/**
 * Health: a Sentinel-aware Redis health indicator that verifies the master with
 * {@code ROLE}, reports replicas, sentinels and quorum, and answers within a bounded time
 * even when a node is frozen.
 */
@NullMarked
package io.github.redisha.health;

import org.jspecify.annotations.NullMarked;
