package io.github.redisha.test.internal;

/**
 * What the test kit's watchdog removes if this JVM dies without closing what it started
 * (e.g. {@code kill -9} of the test JVM), for parts of the test kit outside this package:
 * processes by pid and network namespaces by name. Normal cleanup is the owner's
 * {@code close()}; this is the last resort.
 *
 * @author redis-ha
 */
public final class CrashCleanup {

	private CrashCleanup() {
	}

	/**
	 * Kill this process if the JVM dies.
	 * @param pid the process id
	 */
	public static void registerProcess(long pid) {
		Watchdog.get().register(pid);
	}

	/**
	 * The process was ended normally; forget it.
	 * @param pid the process id
	 */
	public static void unregisterProcess(long pid) {
		Watchdog.get().unregister(pid);
	}

	/**
	 * Delete this directory ({@code rm -rf}) if the JVM dies.
	 * @param dir the directory, named {@code redisha-*}
	 */
	public static void registerDirectory(java.nio.file.Path dir) {
		Watchdog.get().registerDirectory(dir);
	}

	/**
	 * Delete this network namespace ({@code ip netns del}) if the JVM dies.
	 * @param name the namespace's name, starting with {@code redisha-}
	 */
	public static void registerNamespace(String name) {
		Watchdog.get().registerNamespace(name);
	}

}
