package io.github.redisha.test.internal;

import java.util.function.Supplier;

import io.github.redisha.test.Backend;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;

/**
 * Starts topologies on a {@link Backend}: local processes or Docker containers
 * (Testcontainers).
 *
 * <p>
 * Not meant to be called directly: use {@link RedisTopologies}. Everything else in this
 * package is internal.
 *
 * <p>
 * Cleanup: every server is ended when its topology is closed (local processes by their
 * pid, containers by their id); a JVM shutdown hook closes topologies still open at exit;
 * a per-JVM watchdog process kills the local processes when the JVM dies without running
 * shutdown hooks (SIGKILL) — for containers, Testcontainers' own reaper (Ryuk) does that,
 * where it is enabled.
 *
 * @author redis-ha
 */
public final class Backends {

	/** System property naming the Docker image of the Testcontainers backend. */
	public static final String IMAGE_PROPERTY = "redisha.test.redis-image";

	/**
	 * Environment variable naming the Docker image of the Testcontainers backend (after
	 * the system property).
	 */
	public static final String IMAGE_ENV = "REDISHA_TEST_REDIS_IMAGE";

	/** The image used when nothing else is configured: the official Redis image. */
	public static final String DEFAULT_IMAGE = "redis:7.2";

	private static final String TESTCONTAINERS_CLASS = "org.testcontainers.containers.GenericContainer";

	private Backends() {
	}

	/**
	 * Whether the native backend finds both {@code redis-server} and
	 * {@code redis-sentinel}.
	 * @return {@code true} when both binaries are found
	 */
	public static boolean nativeBinariesFound() {
		try {
			Binaries.serverAndSentinel();
			return true;
		}
		catch (RedisTopologyException ex) {
			return false;
		}
	}

	/**
	 * Starts a standalone server.
	 * @param spec what to start
	 * @param backend where the server runs
	 * @param image the Docker image for {@link Backend#TESTCONTAINERS}, or {@code null}
	 * for {@link #image(String)}
	 * @return the running server
	 */
	public static StandaloneRedis startStandalone(StandaloneRedis.Spec spec, Backend backend, String image) {
		return ManagedStandaloneRedis.start(spec, runtimes(backend, image, "redisha-standalone-", false));
	}

	/**
	 * Starts a Sentinel topology and waits until it is healthy.
	 * @param spec what to start
	 * @param backend where the servers run
	 * @param image the Docker image for {@link Backend#TESTCONTAINERS}, or {@code null}
	 * for {@link #image(String)}
	 * @return the running topology
	 */
	public static SentinelTopology startSentinel(SentinelTopology.Spec spec, Backend backend, String image) {
		return ManagedSentinelTopology.start(spec, runtimes(backend, image, "redisha-sentinel-", true));
	}

	/**
	 * Starts the nodes of a Redis Cluster, forms the cluster and waits until it is
	 * healthy.
	 * @param spec what to start
	 * @param backend where the servers run
	 * @param image the Docker image for {@link Backend#TESTCONTAINERS}, or {@code null}
	 * for {@link #image(String)}
	 * @return the running cluster
	 */
	public static ClusterTopology startCluster(ClusterTopology.Spec spec, Backend backend, String image) {
		return ManagedClusterTopology.start(spec, runtimes(backend, image, "redisha-cluster-", false));
	}

	/**
	 * The Docker image to use: {@code explicit} if given, else the system property
	 * {@value #IMAGE_PROPERTY}, else the environment variable {@value #IMAGE_ENV}, else
	 * {@value #DEFAULT_IMAGE}.
	 * @param explicit the image set on the builder or annotation, or {@code null}
	 * @return the image name
	 */
	public static String image(String explicit) {
		if (explicit != null && !explicit.isBlank()) {
			return explicit.trim();
		}
		String property = System.getProperty(IMAGE_PROPERTY);
		if (property != null && !property.isBlank()) {
			return property.trim();
		}
		String env = System.getenv(IMAGE_ENV);
		if (env != null && !env.isBlank()) {
			return env.trim();
		}
		return DEFAULT_IMAGE;
	}

	private static Supplier<ServerRuntime.Factory> runtimes(Backend backend, String image, String prefix,
			boolean withSentinels) {
		if (backend == Backend.NATIVE) {
			if (image != null) {
				throw new IllegalArgumentException("image(\"" + image + "\") only applies to Backend.TESTCONTAINERS;"
						+ " the native backend runs the local redis-server binaries");
			}
			return () -> ProcessRuntime.factory(prefix, withSentinels);
		}
		requireTestcontainers();
		String resolved = image(image);
		return () -> ContainerRuntime.factory(resolved);
	}

	private static void requireTestcontainers() {
		try {
			Class.forName(TESTCONTAINERS_CLASS, false, Backends.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new RedisTopologyException("Backend.TESTCONTAINERS needs Testcontainers on the test class path:"
					+ " add the dependency org.testcontainers:testcontainers (test scope) to your build,"
					+ " or use Backend.NATIVE with local redis-server/redis-sentinel binaries.");
		}
	}

}
