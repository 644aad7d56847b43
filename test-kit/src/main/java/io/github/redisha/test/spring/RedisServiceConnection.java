package io.github.redisha.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;

/**
 * Wires the Spring application context of a test to a test-kit topology: its settings
 * become the {@code redis.*} properties of the context ({@code redis.sentinel.enabled},
 * {@code redis.sentinels}, {@code redis.master-name}, {@code redis.host},
 * {@code redis.port}, {@code redis.password}, {@code redis.sentinel.password},
 * {@code redis.ssl}, {@code redis.cluster.enabled}, {@code redis.cluster.nodes}), so the
 * redis-ha starter configures itself exactly as in production. The Sentinel- and
 * cluster-aware counterpart of Spring Boot's {@code @ServiceConnection}.
 *
 * <ul>
 * <li>On a test class annotated with
 * {@link RedisSentinelTopology @RedisSentinelTopology},
 * {@link RedisStandalone @RedisStandalone} or
 * {@link RedisClusterTopology @RedisClusterTopology}: the topology the annotation starts
 * (the one test methods get injected). The context is closed after the class, before the
 * topology.</li>
 * <li>On a {@code static} field of type {@link SentinelTopology}, {@link StandaloneRedis}
 * or {@link ClusterTopology}, started when the test context is created (e.g. in the field
 * initializer). Closing the topology is up to the test.</li>
 * <li>On a {@code @Bean} method returning one of them (e.g. for
 * {@code spring-boot:test-run}): the bean is created before any other bean and closed
 * with the context.</li>
 * </ul>
 *
 * <p>
 * The properties rank above the system properties, environment variables and
 * {@code application.properties}, below properties a test sets explicitly
 * ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource},
 * {@code @DynamicPropertySource}).
 *
 * @author redis-ha
 */
@Target({ ElementType.TYPE, ElementType.FIELD, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RedisServiceConnection {

	/**
	 * Give the application the Sentinels through their {@link SentinelTopology#service()
	 * Service} address only ({@code redis.sentinels} =
	 * {@link io.github.redisha.test.SentinelService#address()}), as on Kubernetes with
	 * {@code redis-sentinel:26379}. Sentinel topologies only.
	 * @return whether to connect through the Service
	 * @since 0.2.0
	 */
	boolean sentinelsViaService() default false;

}
