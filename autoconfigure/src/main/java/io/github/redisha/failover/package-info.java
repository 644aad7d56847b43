/**
 * Failover: Sentinel events, recovery of the client's connections, and what the
 * application has seen of master switches.
 */
@NullMarked
package io.github.redisha.failover;

import org.jspecify.annotations.NullMarked;
