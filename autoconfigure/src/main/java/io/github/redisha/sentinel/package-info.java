/**
 * The Sentinel engine: follows the master through the sentinels' events, verifies it with
 * {@code ROLE} and moves the client's channels through the client side's seams. Holds all
 * Sentinel-only code; nothing here is API.
 */
@NullMarked
package io.github.redisha.sentinel;

import org.jspecify.annotations.NullMarked;
