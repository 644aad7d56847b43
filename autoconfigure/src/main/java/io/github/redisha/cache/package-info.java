/**
 * Cache: Spring cache operations on Redis retried through a failover within a time
 * budget, failed reads degraded to cache misses, failed evictions reported to the caller,
 * and the same retry policy for code that uses {@code RedisTemplate} directly.
 */
@NullMarked
package io.github.redisha.cache;

import org.jspecify.annotations.NullMarked;
