/**
 * Read routing: reads to replicas ({@code REDIS_READ_FROM}), writes to the master, dead
 * replicas skipped.
 */
@NullMarked
package io.github.redisha.routing;

import org.jspecify.annotations.NullMarked;
