package io.github.redisha.test.spring;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.support.EnvironmentPostProcessorsFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Runs the redis-ha starter's own environment post-processors over an environment once
 * more, after the service connection added its {@code redis.*} properties. Spring Boot
 * runs them before a context customizer or initializer adds anything (and an
 * {@code ApplicationContextRunner} never runs them), so without this they would not see
 * the topology: in cluster mode the starter passes {@code redis.cluster.max-redirects} to
 * Boot as {@code spring.data.redis.cluster.max-redirects}, without which Boot builds no
 * cluster client options at all.
 *
 * @author redis-ha
 */
final class StarterEnvironmentPostProcessors {

	private static final String STARTER_PACKAGE = "io.github.redisha.";

	private static final boolean BOOT_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.EnvironmentPostProcessor",
			StarterEnvironmentPostProcessors.class.getClassLoader());

	private StarterEnvironmentPostProcessors() {
	}

	/**
	 * Runs the starter's environment post-processors found in
	 * {@code META-INF/spring.factories}, if Spring Boot is on the class path.
	 * @param environment the environment holding the service connection's properties
	 */
	static void applyTo(ConfigurableEnvironment environment) {
		if (BOOT_PRESENT) {
			Boot.applyTo(environment);
		}
	}

	/**
	 * Kept apart so that Boot's types are only loaded when Boot is there.
	 */
	private static final class Boot {

		static void applyTo(ConfigurableEnvironment environment) {
			ClassLoader classLoader = StarterEnvironmentPostProcessors.class.getClassLoader();
			SpringApplication application = new SpringApplication();
			for (EnvironmentPostProcessor postProcessor : EnvironmentPostProcessorsFactory
				.fromSpringFactories(classLoader)
				.getEnvironmentPostProcessors(new DeferredLogs(), new DefaultBootstrapContext())) {
				if (postProcessor.getClass().getName().startsWith(STARTER_PACKAGE)) {
					postProcessor.postProcessEnvironment(environment, application);
				}
			}
		}

	}

}
