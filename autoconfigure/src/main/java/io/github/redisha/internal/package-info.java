/**
 * Internals shared by the starter's packages; not API, may change in any release.
 */
@NullMarked
package io.github.redisha.internal;

import org.jspecify.annotations.NullMarked;
