/**
 * Read routing: reads to replicas ({@code REDIS_READ_FROM}), in the application's zone
 * first with {@code zone-affinity}, writes to the master, dead replicas skipped.
 */
@NullMarked
package io.github.redisha.routing;

import org.jspecify.annotations.NullMarked;
