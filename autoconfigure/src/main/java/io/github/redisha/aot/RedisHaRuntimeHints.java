package io.github.redisha.aot;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What redis-ha reaches reflectively, for Spring AOT and GraalVM native images. Beans,
 * {@code @ConfigurationProperties} and auto-configurations are covered by Spring Boot's
 * own AOT processing, and Lettuce ships hints for the JDK proxies behind its
 * {@code sync()} APIs; what is left:
 * <ul>
 * <li>the classes named in {@code META-INF/spring.factories}, which Spring Boot
 * instantiates by reflection (the failure analyzer also before any context exists, the
 * environment post-processor before AOT-generated code runs, the Docker Compose listener
 * before the context exists);</li>
 * <li>the Netty handlers redis-ha puts into every Lettuce channel: Netty looks their
 * public methods up reflectively to decide which events it may skip.</li>
 * <li>{@code RedisCacheWriter.execute}, which the retrying cache writer calls by
 * reflection so that it also runs on Spring Data Redis 4.0, where the method is
 * missing.</li>
 * </ul>
 *
 * @author redis-ha
 */
class RedisHaRuntimeHints implements RuntimeHintsRegistrar {

	static final List<String> SPRING_FACTORIES = List.of(
			"io.github.redisha.connection.RedisHaConfigurationFailureAnalyzer",
			"io.github.redisha.connection.RedisUrlEnvironmentPostProcessor",
			"io.github.redisha.connection.ClusterRedirectsEnvironmentPostProcessor",
			"io.github.redisha.docker.compose.RedisHaDockerComposeListener");

	static final List<String> CHANNEL_HANDLERS = List.of("io.github.redisha.failover.FailoverChannelHandler",
			"io.github.redisha.failover.InboundObserver");

	static final String CACHE_WRITER = "org.springframework.data.redis.cache.RedisCacheWriter";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerTypeIfPresent(classLoader, CACHE_WRITER, MemberCategory.INVOKE_PUBLIC_METHODS);
		for (String type : SPRING_FACTORIES) {
			hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		for (String type : CHANNEL_HANDLERS) {
			hints.reflection().registerType(TypeReference.of(type), MemberCategory.INTROSPECT_PUBLIC_METHODS);
		}
	}

}
