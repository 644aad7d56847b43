package io.github.redisha.test.spring;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@link RedisServiceConnection @RedisServiceConnection} on a test class (or an
 * enclosing {@code @Nested} class) and on its static fields; registered in
 * {@code META-INF/spring.factories}.
 *
 * @author redis-ha
 */
class RedisServiceConnectionContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * The test-kit annotations that start a topology for a test class, and the type of
	 * the topology each starts.
	 */
	private static final Map<Class<? extends Annotation>, Class<?>> TOPOLOGY_OF_ANNOTATION = Map.of(
			RedisSentinelTopology.class, SentinelTopology.class, RedisStandalone.class, StandaloneRedis.class,
			RedisClusterTopology.class, ClusterTopology.class);

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		// a set: a base class's field is reached again through an enclosing class with
		// the same base
		Set<TopologySource> sources = new LinkedHashSet<>();
		boolean viaService = false;
		RedisServiceConnection onClass = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				RedisServiceConnection.class);
		if (onClass != null) {
			sources.add(annotatedTestClass(testClass));
			viaService = onClass.sentinelsViaService();
		}
		List<Field> fields = new ArrayList<>();
		for (Class<?> candidate = testClass; candidate != null; candidate = TestContextAnnotationUtils
			.searchEnclosingClass(candidate) ? candidate.getEnclosingClass() : null) {
			ReflectionUtils.doWithFields(candidate, (field) -> {
				sources.add(fieldSource(field));
				fields.add(field);
			}, (field) -> field.isAnnotationPresent(RedisServiceConnection.class));
		}
		if (!fields.isEmpty()) {
			viaService = fields.get(0).getAnnotation(RedisServiceConnection.class).sentinelsViaService();
		}
		if (sources.size() > 1) {
			throw new IllegalStateException("Only one @RedisServiceConnection per test class, since there is one set "
					+ "of redis.* properties; " + testClass.getName() + " has " + sources.size());
		}
		return sources.isEmpty() ? null
				: new RedisServiceConnectionContextCustomizer(sources.iterator().next(), viaService);
	}

	private static TopologySource annotatedTestClass(Class<?> testClass) {
		for (Class<?> candidate = testClass; candidate != null; candidate = ClassUtils.isInnerClass(candidate)
				? candidate.getEnclosingClass() : null) {
			List<Class<? extends Annotation>> present = topologyAnnotationsOn(candidate);
			if (present.size() > 1) {
				throw new IllegalStateException(candidate.getName() + " starts more than one topology ("
						+ present.stream().map((annotation) -> "@" + annotation.getSimpleName()).toList()
						+ "): put @RedisServiceConnection on a static field holding the one to connect to");
			}
			if (present.size() == 1) {
				return new TopologySource.OfTestClass(candidate, TOPOLOGY_OF_ANNOTATION.get(present.get(0)));
			}
		}
		throw new IllegalStateException("@RedisServiceConnection on test class " + testClass.getName()
				+ " needs @RedisSentinelTopology, @RedisStandalone or @RedisClusterTopology on it (or on an "
				+ "enclosing class); or put it on a static field holding a started topology");
	}

	private static List<Class<? extends Annotation>> topologyAnnotationsOn(Class<?> testClass) {
		return TOPOLOGY_OF_ANNOTATION.keySet()
			.stream()
			.filter((annotation) -> AnnotationSupport.isAnnotated(testClass, annotation))
			.sorted(Comparator.comparing(Class::getSimpleName))
			.toList();
	}

	private static TopologySource fieldSource(Field field) {
		String name = field.getDeclaringClass().getName() + "." + field.getName();
		if (!Modifier.isStatic(field.getModifiers())) {
			throw new IllegalStateException("@RedisServiceConnection field " + name + " must be static: the context "
					+ "is created before any test instance");
		}
		ReflectionUtils.makeAccessible(field);
		Object topology = ReflectionUtils.getField(field, null);
		if (topology == null) {
			throw new IllegalStateException("@RedisServiceConnection field " + name + " is null: start the topology "
					+ "in its initializer, e.g. RedisTopologies.sentinel().start()");
		}
		if (TOPOLOGY_OF_ANNOTATION.values().stream().noneMatch((type) -> type.isInstance(topology))) {
			throw new IllegalStateException("@RedisServiceConnection field " + name + " must hold "
					+ TopologyProperties.SUPPORTED_TYPES + ", not " + topology.getClass().getName());
		}
		return new TopologySource.OfField(topology);
	}

}
