/**
 * The value types every layer shares and users meet:
 * {@link io.github.redisha.RedisEndpoint} (in listener callbacks and
 * {@code FailoverHistory}) and {@link io.github.redisha.RedisHaConfigurationException} (a
 * rejected setting). The bottom of the layers: it imports nothing else of redis-ha. See
 * {@code docs/architecture.md}.
 */
@NullMarked
package io.github.redisha;

import org.jspecify.annotations.NullMarked;
