package io.github.redisha.test.internal;

import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;

/**
 * Started in a separate JVM by {@link CleanupIT}: starts a server, prints its pid, its
 * directory and the watchdog's pid, then either returns without closing anything
 * ({@code exit}: the shutdown hook must clean up) or blocks until its stdin closes
 * ({@code hang}: the test kills this JVM with SIGKILL and the watchdog must clean up).
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	public static void main(String[] args) throws Exception {
		StandaloneRedis redis = RedisTopologies.standalone().start();
		System.out.println("CHILD pid=" + redis.node().pid().getAsLong() + " dir="
				+ NativeInternals.rootDirectory((ManagedStandaloneRedis) redis) + " watchdog=" + Watchdog.get().pid());
		System.out.flush();
		if (args.length > 0 && args[0].equals("hang")) {
			// blocks until the parent closes our stdin or dies; the test kills us first
			while (System.in.read() >= 0) {
				// ignore input
			}
		}
	}

}
