/**
 * The sample app: a small web service on the redis-ha starter.
 */
@NullMarked
package io.github.redisha.sample;

import org.jspecify.annotations.NullMarked;
