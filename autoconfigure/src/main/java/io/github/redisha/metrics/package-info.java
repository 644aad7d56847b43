/**
 * Micrometer meters for failover: Sentinel events, master switches, failover duration,
 * client recovery time, reachable sentinels and reconnect attempts.
 */
@NullMarked
package io.github.redisha.metrics;

import org.jspecify.annotations.NullMarked;
