/**
 * Node I/O and internals shared by every layer above: the node client and probe, an
 * engine's thread, reply parsing, the mode ({@link RedisMode}) and settings
 * ({@link Setting}). Imports only {@code io.github.redisha}'s value types. Public only
 * because Java needs it across packages; not API, may change in any release.
 */
@NullMarked
package io.github.redisha.internal;

import org.jspecify.annotations.NullMarked;
