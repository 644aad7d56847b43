package io.github.redisha.testsupport;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Puts variables into the context's real system-environment property source, so tests
 * exercise the same relaxed binding ({@code REDIS_MASTER_NAME} →
 * {@code redis.master-name}) a deployed service gets.
 */
public final class SystemEnvironment {

	private SystemEnvironment() {
	}

	/**
	 * An initializer that makes {@code variables} the context's system environment.
	 * @param variables the environment variables
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> of(Map<String, String> variables) {
		Map<String, Object> source = new HashMap<>(variables);
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source));
	}

	/**
	 * An environment whose system environment is {@code variables}, for a
	 * {@code SpringApplication}: unlike an initializer, its variables are there when the
	 * environment post-processors run.
	 * @param variables the environment variables
	 * @return the environment
	 */
	public static StandardEnvironment environment(Map<String, String> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
		return environment;
	}

	/**
	 * {@code base} with {@code overrides} applied.
	 * @param base the variables to start from
	 * @param overrides variable, value pairs; a null value removes the variable
	 * @return the merged variables
	 */
	public static Map<String, String> with(Map<String, String> base, String... overrides) {
		Map<String, String> merged = new HashMap<>(base);
		for (int i = 0; i < overrides.length; i += 2) {
			if (overrides[i + 1] == null) {
				merged.remove(overrides[i]);
			}
			else {
				merged.put(overrides[i], overrides[i + 1]);
			}
		}
		return merged;
	}

}
