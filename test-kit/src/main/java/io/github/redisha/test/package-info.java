/**
 * Test kit that starts real {@code redis-server} / {@code redis-sentinel} processes on
 * loopback ports — a standalone server, a Sentinel topology or a Redis Cluster — and
 * injects faults (kill, freeze, stop, restart, failover, slot migration).
 *
 * <p>
 * Start with {@link io.github.redisha.test.RedisTopologies}, or annotate a JUnit test
 * class with {@link io.github.redisha.test.RedisSentinelTopology @RedisSentinelTopology},
 * {@link io.github.redisha.test.RedisClusterTopology @RedisClusterTopology} or
 * {@link io.github.redisha.test.RedisStandalone @RedisStandalone}.
 */
package io.github.redisha.test;
