/**
 * Failover benchmark: redis-ha against plain Spring Boot on the same Sentinel topology,
 * started by {@link io.github.redisha.benchmark.FailoverBenchmark}.
 */
package io.github.redisha.benchmark;
