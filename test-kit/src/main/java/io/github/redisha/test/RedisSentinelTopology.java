package io.github.redisha.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link SentinelTopology} once for the annotated test class (before
 * {@code @BeforeAll}) and closes it after the class, also when tests fail. Inject it as a
 * parameter of type {@link SentinelTopology} into test methods, constructors,
 * {@code @BeforeAll}/{@code @AfterAll} and {@code @BeforeEach}/{@code @AfterEach}
 * methods.
 *
 * <pre>{@code
 * &#64;RedisSentinelTopology
 * class FailoverTest {
 *

&#64;Test
 *     void survivesMasterCrash(SentinelTopology topology) {
 *         RedisNode master = topology.master();
 *         master.kill();
 *         topology.awaitFailover(master, Duration.ofSeconds(30));
 *     }
 * }
 * }</pre>
 *
 * <p>
 * The topology is shared by all tests of the class and not reset between them: tests that
 * inject faults restore what they need themselves (e.g. {@link RedisNode#start()} then
 * {@link SentinelTopology#awaitHealthy}). An empty password means "no password".
 *
 * @author redis-ha
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisTopologyExtension.class)
public @interface RedisSentinelTopology {

	/**
	 * Number of replicas besides the master.
	 * @return the replica count
	 */
	int replicas() default 2;

	/**
	 * Number of Sentinels.
	 * @return the Sentinel count
	 */
	int sentinels() default 3;

	/**
	 * The monitored master name.
	 * @return the master name
	 */
	String masterName() default "mymaster";

	/**
	 * The data-node password; empty for none.
	 * @return the password
	 */
	String password() default "data-secret";

	/**
	 * The Sentinel password; empty for none.
	 * @return the password
	 */
	String sentinelPassword() default "sentinel-secret";

	/**
	 * The Sentinel quorum.
	 * @return the quorum
	 */
	int quorum() default 2;

	/**
	 * {@code sentinel down-after-milliseconds}. 1 s keeps failover tests fast; on the
	 * Testcontainers backend use 3 s or more, since a container start can stall the other
	 * nodes for about a second on a small machine.
	 * @return milliseconds
	 */
	long downAfterMillis() default 1000;

	/**
	 * {@code sentinel failover-timeout}.
	 * @return milliseconds
	 */
	long failoverTimeoutMillis() default 10000;

	/**
	 * {@code sentinel parallel-syncs}.
	 * @return the number of replicas reconfigured at once
	 */
	int parallelSyncs() default 1;

	/**
	 * Additional {@code redis.conf} lines for every data node.
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
