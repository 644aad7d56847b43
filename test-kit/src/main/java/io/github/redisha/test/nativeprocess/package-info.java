/**
 * Backend that runs test topologies as child processes of the JVM. Internal: only
 * {@link io.github.redisha.test.nativeprocess.NativeRedisBackend} is public, and it is called by the builders of
 * {@link io.github.redisha.test.RedisTopologies}.
 */
package io.github.redisha.test.nativeprocess;
