/**
 * The client side's seams for the engines: what the Sentinel and cluster engines may do
 * to the application's channels, the listener fan-out and the reconnect delay. Public
 * only because Java needs it across packages; not API, may change in any release.
 */
@NullMarked
package io.github.redisha.failover.internal;

import org.jspecify.annotations.NullMarked;
