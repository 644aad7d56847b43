/**
 * The machinery behind {@link io.github.redisha.test.RedisTopologies}: ports, configs,
 * probes, waits and cleanup, shared by both backends. A node's server runs through a
 * {@code ServerRuntime}: a child process of the JVM (native backend) or a Docker
 * container started through Testcontainers (loaded only for that backend, so
 * Testcontainers stays optional). Internal: only
 * {@link io.github.redisha.test.backend.Backends} is public, and it is called by the
 * builders of {@link io.github.redisha.test.RedisTopologies}.
 */
package io.github.redisha.test.backend;
