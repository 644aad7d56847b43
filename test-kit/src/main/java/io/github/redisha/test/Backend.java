package io.github.redisha.test;

import io.github.redisha.test.internal.Backends;

/**
 * Where the servers of a test topology run. Both backends offer the same API and fault
 * operations; every node listens on {@code 127.0.0.1} of the machine running the tests.
 *
 * @author redis-ha
 */
public enum Backend {

	/**
	 * Local child processes of the test JVM, started from the {@code redis-server} /
	 * {@code redis-sentinel} binaries (see the test kit's README for the lookup). The
	 * default: fastest, no Docker needed. Faults are signals: SIGKILL, SIGSTOP/SIGCONT,
	 * SIGTERM.
	 */
	NATIVE,

	/**
	 * Docker containers started through Testcontainers, one per node, with host
	 * networking. For machines with Docker but without Redis binaries. Needs
	 * {@code org.testcontainers:testcontainers} on the test class path and a Docker
	 * engine with host networking (Linux, or Docker Desktop 4.34+ with host networking
	 * enabled). The image is the builder's or annotation's {@code image}, else the system
	 * property {@code redisha.test.redis-image}, else the environment variable
	 * {@code REDISHA_TEST_REDIS_IMAGE}, else the official {@code redis:7.2}. Faults are
	 * {@code docker kill}, {@code docker pause}/{@code unpause} and {@code docker stop};
	 * {@link RedisNode#pid()} is empty.
	 */
	TESTCONTAINERS;

	/**
	 * {@link #NATIVE} when the {@code redis-server} and {@code redis-sentinel} binaries
	 * are found (the lookup of the native backend), else {@link #TESTCONTAINERS}: for a
	 * topology that should start wherever the code runs, such as the one of
	 * {@code spring-boot:test-run}.
	 * @return the backend to use on this machine
	 */
	public static Backend nativeIfInstalled() {
		return Backends.nativeBinariesFound() ? NATIVE : TESTCONTAINERS;
	}

}
