package io.github.redisha.connection;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.context.ApplicationContext;

/**
 * What {@code /actuator/env} and {@code /actuator/configprops} would show, as text to
 * search for secrets.
 */
final class ActuatorReports {

	private ActuatorReports() {
	}

	static String env(ApplicationContext context) {
		return context.getBean(EnvironmentEndpoint.class)
			.environment(null)
			.getPropertySources()
			.stream()
			.map((source) -> source.getName() + source.getProperties()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue().getValue())
				.toList())
			.toList()
			.toString();
	}

	static String configProps(ApplicationContext context) {
		return context.getBean(ConfigurationPropertiesReportEndpoint.class)
			.configurationProperties()
			.getContexts()
			.values()
			.stream()
			.flatMap((descriptor) -> descriptor.getBeans().values().stream())
			.map((bean) -> bean.getPrefix() + bean.getProperties())
			.toList()
			.toString();
	}

}
