/**
 * The machinery behind {@link io.github.redisha.test.RedisTopologies}: ports, configs,
 * probes, waits and cleanup, shared by both backends. A node's server runs through a
 * {@code ServerRuntime}: a child process of the JVM (native backend) or a Docker
 * container started through Testcontainers (loaded only for that backend, so
 * Testcontainers stays optional). Internal, as the package name says: nothing here is API
 * and anything may change. {@link io.github.redisha.test.internal.Backends} is public
 * only because the builders of {@link io.github.redisha.test.RedisTopologies} in the
 * parent package call it.
 */
package io.github.redisha.test.internal;
