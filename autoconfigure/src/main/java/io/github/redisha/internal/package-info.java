/**
 * Internals shared by the redis-ha packages. Not an API: anything here may change in any
 * release.
 */
@NullMarked
package io.github.redisha.internal;

import org.jspecify.annotations.NullMarked;
