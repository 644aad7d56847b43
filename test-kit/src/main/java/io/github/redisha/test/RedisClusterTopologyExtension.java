package io.github.redisha.test;

import java.time.Duration;
import java.util.List;

import io.github.redisha.test.internal.ClassTopologies;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * JUnit Jupiter extension behind {@link RedisClusterTopology @RedisClusterTopology};
 * registered by that annotation, not meant to be used directly. Works like
 * {@link RedisTopologyExtension}: one cluster per annotated class, kept in the class's
 * {@link ExtensionContext.Store} as an {@link AutoCloseable} so that JUnit closes it
 * after the class, shared with nested classes, started before a {@code PER_CLASS} test
 * instance (where a Spring test context wired by {@code @RedisServiceConnection} is
 * loaded), and the recent log of every node logged (WARN) when a test fails.
 *
 * @author redis-ha
 */
public class RedisClusterTopologyExtension
		implements BeforeAllCallback, TestInstancePreConstructCallback, AfterTestExecutionCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(RedisClusterTopologyExtension.class);

	/**
	 * Creates the extension; JUnit does this.
	 */
	public RedisClusterTopologyExtension() {
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(context);
	}

	@Override
	public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
		start(context);
	}

	private static void start(ExtensionContext context) {
		ExtensionContext owner = owner(context);
		if (owner != null && owner.getRequiredTestClass() == context.getRequiredTestClass()) {
			cluster(owner);
		}
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		ExtensionContext owner = owner(context);
		if (context.getExecutionException().isEmpty() || owner == null) {
			return;
		}
		ClassTopologies.Registration<?> registration = owner.getStore(NAMESPACE)
			.get(ClusterTopology.class, ClassTopologies.Registration.class);
		if (registration != null) {
			RedisTopologyExtension.logRecentLogs(context, ((ClusterTopology) registration.topology()).nodes(),
					List.of());
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == ClusterTopology.class && owner(extensionContext) != null;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return cluster(owner(extensionContext));
	}

	private static ExtensionContext owner(ExtensionContext context) {
		return RedisTopologyExtension.annotatedContext(context, RedisClusterTopology.class);
	}

	private static ClusterTopology cluster(ExtensionContext owner) {
		RedisClusterTopology annotation = RedisTopologyExtension.annotation(owner, RedisClusterTopology.class);
		ClassTopologies.Registration<?> registration = owner.getStore(NAMESPACE)
			.computeIfAbsent(ClusterTopology.class,
					(key) -> ClassTopologies.register(owner.getRequiredTestClass(), ClusterTopology.class,
							RedisTopologies.cluster()
								.primaries(annotation.primaries())
								.replicasPerPrimary(annotation.replicasPerPrimary())
								.password(annotation.password())
								.nodeTimeout(Duration.ofMillis(annotation.nodeTimeoutMillis()))
								.extraServerConfig(annotation.extraServerConfig())
								.backend(annotation.backend())
								.image(annotation.image())
								.start()),
					ClassTopologies.Registration.class);
		return (ClusterTopology) registration.topology();
	}

}
