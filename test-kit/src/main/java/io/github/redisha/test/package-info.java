/**
 * Test kit that starts real {@code redis-server} / {@code redis-sentinel} processes on loopback ports and injects
 * faults (kill, freeze, stop, restart, failover).
 *
 * <p>Start with {@link io.github.redisha.test.RedisTopologies}, or annotate a JUnit test class with
 * {@link io.github.redisha.test.RedisSentinelTopology @RedisSentinelTopology} or
 * {@link io.github.redisha.test.RedisStandalone @RedisStandalone}.
 */
package io.github.redisha.test;
