/**
 * Connection auto-configuration: {@code REDIS_*} settings to Spring Boot's
 * {@code DataRedisConnectionDetails}, standalone or Sentinel, with a startup check that
 * fails fast on bad input.
 */
@NullMarked
package io.github.redisha.connection;

import org.jspecify.annotations.NullMarked;
