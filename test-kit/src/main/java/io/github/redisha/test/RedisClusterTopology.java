package io.github.redisha.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link ClusterTopology} once for the annotated test class (before
 * {@code @BeforeAll}) and closes it after the class, also when tests fail. Inject it as a
 * parameter of type {@link ClusterTopology} into test methods, constructors,
 * {@code @BeforeAll}/{@code @AfterAll} and {@code @BeforeEach}/{@code @AfterEach}
 * methods.
 *
 * <pre>{@code
 * &#64;RedisClusterTopology
 * class ShardFailoverTest {
 *

&#64;Test
 *     void survivesPrimaryCrash(ClusterTopology cluster) {
 *         RedisNode primary = cluster.primaryForKey("order:42");
 *         primary.kill();
 *         cluster.awaitFailover(primary, Duration.ofSeconds(30));
 *     }
 * }
 * }</pre>
 *
 * <p>
 * The cluster is shared by all tests of the class and not reset between them: tests that
 * inject faults restore what they need themselves (e.g.
 * {@link ClusterTopology#restore(java.time.Duration)} in an {@code @AfterEach}). An empty
 * password means "no password".
 *
 * @author redis-ha
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisClusterTopologyExtension.class)
public @interface RedisClusterTopology {

	/**
	 * Number of primaries, each owning an even share of the slots.
	 * @return the primary count
	 */
	int primaries() default 3;

	/**
	 * Number of replicas of each primary.
	 * @return the replica count
	 */
	int replicasPerPrimary() default 1;

	/**
	 * The password of every node; empty for none.
	 * @return the password
	 */
	String password() default "data-secret";

	/**
	 * {@code cluster-node-timeout}: how long a primary may not answer before the cluster
	 * fails it over.
	 * @return milliseconds
	 */
	long nodeTimeoutMillis() default 1000;

	/**
	 * Additional {@code redis.conf} lines for every node.
	 * @return config lines
	 */
	String[] extraServerConfig() default {};

	/**
	 * Where the servers run: local processes (default) or Docker containers through
	 * Testcontainers.
	 * @return the backend
	 */
	Backend backend() default Backend.NATIVE;

	/**
	 * The Docker image for {@link Backend#TESTCONTAINERS}; empty for the default (system
	 * property {@code redisha.test.redis-image}, else environment variable
	 * {@code REDISHA_TEST_REDIS_IMAGE}, else {@code redis:7.2}).
	 * @return the image name
	 */
	String image() default "";

}
