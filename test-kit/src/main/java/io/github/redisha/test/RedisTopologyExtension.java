package io.github.redisha.test;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.redisha.test.internal.ClassTopologies;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit Jupiter extension behind {@link RedisSentinelTopology @RedisSentinelTopology} and
 * {@link RedisStandalone @RedisStandalone}; registered by those annotations, not meant to
 * be used directly.
 *
 * <p>
 * The topology is started once per annotated test class, in {@code beforeAll} (or
 * earlier, when a test-instance constructor asks for it), and kept in the class's
 * {@link ExtensionContext.Store} as an {@link AutoCloseable}, so JUnit closes it when the
 * class is done, whether its tests passed or not. Nested test classes share the topology
 * of their annotated enclosing class.
 *
 * <p>
 * When a test fails, the recent log of every node of its topology is logged (WARN), taken
 * right after the test method and before any {@code @AfterEach} repairs the topology: a
 * failover test that fails on a loaded machine can then be read from the Sentinels' own
 * events.
 *
 * @author redis-ha
 */
public class RedisTopologyExtension
		implements BeforeAllCallback, TestInstancePreConstructCallback, AfterTestExecutionCallback, ParameterResolver {

	private static final Logger logger = LoggerFactory.getLogger(RedisTopologyExtension.class);

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(RedisTopologyExtension.class);

	/**
	 * Creates the extension; JUnit does this.
	 */
	public RedisTopologyExtension() {
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(context);
	}

	/**
	 * Starts the topology before a {@code PER_CLASS} test instance is created and
	 * post-processed (that is where the Spring test context, wired by
	 * {@code @RedisServiceConnection}, is loaded), which is before {@code beforeAll}.
	 */
	@Override
	public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
		start(context);
	}

	private static void start(ExtensionContext context) {
		ExtensionContext sentinelOwner = annotatedContext(context, RedisSentinelTopology.class);
		if (sentinelOwner != null) {
			sentinel(sentinelOwner);
		}
		ExtensionContext standaloneOwner = annotatedContext(context, RedisStandalone.class);
		if (standaloneOwner != null) {
			standalone(standaloneOwner);
		}
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		if (context.getExecutionException().isEmpty()) {
			return;
		}
		ExtensionContext sentinelOwner = annotatedContext(context, RedisSentinelTopology.class);
		if (sentinelOwner != null) {
			SentinelTopology topology = registered(sentinelOwner, SentinelTopology.class);
			if (topology != null) {
				logRecentLogs(context, topology.dataNodes(), topology.sentinels());
			}
		}
		ExtensionContext standaloneOwner = annotatedContext(context, RedisStandalone.class);
		if (standaloneOwner != null) {
			StandaloneRedis redis = registered(standaloneOwner, StandaloneRedis.class);
			if (redis != null) {
				logRecentLogs(context, List.of(redis.node()), List.of());
			}
		}
	}

	static void logRecentLogs(ExtensionContext context, List<RedisNode> dataNodes, List<RedisNode> sentinels) {
		StringBuilder logs = new StringBuilder();
		for (List<RedisNode> nodes : List.of(sentinels, dataNodes)) {
			for (RedisNode node : nodes) {
				logs.append("\n--- ").append(node).append(" ---\n").append(node.recentLog());
			}
		}
		logger.warn("{} {} failed; recent logs of its Redis nodes:{}", context.getRequiredTestClass().getSimpleName(),
				context.getDisplayName(), logs);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (type == SentinelTopology.class) {
			return annotatedContext(extensionContext, RedisSentinelTopology.class) != null;
		}
		if (type == StandaloneRedis.class) {
			return annotatedContext(extensionContext, RedisStandalone.class) != null;
		}
		return false;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (type == SentinelTopology.class) {
			return sentinel(annotatedContext(extensionContext, RedisSentinelTopology.class));
		}
		if (type == StandaloneRedis.class) {
			return standalone(annotatedContext(extensionContext, RedisStandalone.class));
		}
		throw new ParameterResolutionException("Unsupported parameter type " + type);
	}

	private static SentinelTopology sentinel(ExtensionContext owner) {
		RedisSentinelTopology annotation = annotation(owner, RedisSentinelTopology.class);
		owner.getStore(NAMESPACE)
			.computeIfAbsent(SentinelTopology.class,
					(key) -> ClassTopologies.register(owner.getRequiredTestClass(), SentinelTopology.class,
							RedisTopologies.sentinel()
								.replicas(annotation.replicas())
								.sentinels(annotation.sentinels())
								.masterName(annotation.masterName())
								.password(annotation.password())
								.sentinelPassword(annotation.sentinelPassword())
								.quorum(annotation.quorum())
								.downAfter(Duration.ofMillis(annotation.downAfterMillis()))
								.failoverTimeout(Duration.ofMillis(annotation.failoverTimeoutMillis()))
								.parallelSyncs(annotation.parallelSyncs())
								.extraServerConfig(annotation.extraServerConfig())
								.backend(annotation.backend())
								.image(annotation.image())
								.start()),
					ClassTopologies.Registration.class);
		return registered(owner, SentinelTopology.class);
	}

	private static StandaloneRedis standalone(ExtensionContext owner) {
		RedisStandalone annotation = annotation(owner, RedisStandalone.class);
		owner.getStore(NAMESPACE)
			.computeIfAbsent(StandaloneRedis.class,
					(key) -> ClassTopologies.register(owner.getRequiredTestClass(), StandaloneRedis.class,
							RedisTopologies.standalone()
								.password(annotation.password())
								.extraServerConfig(annotation.extraServerConfig())
								.backend(annotation.backend())
								.image(annotation.image())
								.start()),
					ClassTopologies.Registration.class);
		return registered(owner, StandaloneRedis.class);
	}

	private static <T> T registered(ExtensionContext owner, Class<T> type) {
		ClassTopologies.Registration<?> registration = owner.getStore(NAMESPACE)
			.get(type, ClassTopologies.Registration.class);
		return (registration != null) ? type.cast(registration.topology()) : null;
	}

	static <A extends Annotation> A annotation(ExtensionContext owner, Class<A> type) {
		return AnnotationSupport.findAnnotation(owner.getRequiredTestClass(), type).orElseThrow();
	}

	/**
	 * The class-level context of the innermost test class (this one or an enclosing one)
	 * carrying the annotation, or {@code null}.
	 * @param context the context to start the search from
	 * @param type the topology annotation to look for
	 * @return the annotated class-level context, or {@code null}
	 */
	static ExtensionContext annotatedContext(ExtensionContext context, Class<? extends Annotation> type) {
		Optional<ExtensionContext> current = Optional.of(context);
		while (current.isPresent()) {
			ExtensionContext candidate = current.get();
			if (candidate.getTestMethod().isEmpty() && candidate.getTestClass().isPresent()
					&& AnnotationSupport.isAnnotated(candidate.getTestClass().get(), type)) {
				return candidate;
			}
			current = candidate.getParent();
		}
		return null;
	}

}
