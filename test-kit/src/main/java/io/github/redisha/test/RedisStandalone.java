package io.github.redisha.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link StandaloneRedis} once for the annotated test class (before
 * {@code @BeforeAll}) and closes it after the class, also when tests fail. Inject it as a
 * parameter of type {@link StandaloneRedis} into test methods, constructors,
 * {@code @BeforeAll}/{@code @AfterAll} and {@code @BeforeEach}/{@code @AfterEach}
 * methods.
 *
 * <pre>{@code
 * &#64;RedisStandalone
 * class CacheTest {
 *

&#64;Test
 *     void works(StandaloneRedis redis) {
 *         String address = redis.node().address();
 *     }
 * }
 * }</pre>
 *
 * @author redis-ha
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisTopologyExtension.class)
public @interface RedisStandalone {

	/**
	 * The server password; empty for none.
	 * @return the password
	 */
	String password() default "data-secret";

	/**
	 * Additional {@code redis.conf} lines.
	 * @return config lines
	 */
	String[] extraServerConfig() default {};

	/**
	 * Where the server runs: a local process (default) or a Docker container through
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
