package io.github.redisha.test.internal;

import io.github.redisha.test.Backend;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.StandaloneRedis;

/**
 * Started by {@link OptionalTestcontainersIT} in a JVM whose class path lacks
 * Testcontainers: the native backend must work, the Testcontainers backend must fail with
 * a message naming the missing dependency.
 */
public final class WithoutTestcontainersJvm {

	private WithoutTestcontainersJvm() {
	}

	public static void main(String[] args) {
		try (StandaloneRedis redis = RedisTopologies.standalone().start()) {
			System.out.println("NATIVE OK " + redis.node().address());
		}
		try {
			RedisTopologies.standalone().backend(Backend.TESTCONTAINERS).start().close();
			System.out.println("CONTAINERS STARTED");
		}
		catch (RedisTopologyException ex) {
			System.out.println("CONTAINERS FAILED " + ex.getMessage());
		}
	}

}
