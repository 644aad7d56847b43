package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.testsupport.SystemEnvironment;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cluster-mode environment variables for an {@code ApplicationContextRunner}, with what
 * {@link SpringApplication} does before creating the context: the context runner runs no
 * environment post-processors itself, and cluster mode needs
 * {@link ClusterRedirectsEnvironmentPostProcessor}.
 */
public final class ClusterEnvironment {

	private ClusterEnvironment() {
	}

	/**
	 * An initializer that makes {@code variables} the system environment and
	 * post-processes the environment as a started application would.
	 * @param variables the environment variables, e.g. a cluster topology's
	 * {@code environment()}
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> of(Map<String, String> variables) {
		ApplicationContextInitializer<ConfigurableApplicationContext> system = SystemEnvironment.of(variables);
		return (context) -> {
			system.initialize(context);
			new ClusterRedirectsEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(),
					new SpringApplication());
		};
	}

}
