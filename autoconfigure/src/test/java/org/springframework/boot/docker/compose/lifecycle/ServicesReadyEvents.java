package org.springframework.boot.docker.compose.lifecycle;

import java.util.List;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.context.ApplicationContext;

/**
 * Creates Boot's {@link DockerComposeServicesReadyEvent} (package-private constructor) so
 * that tests can hand a listener exactly what Boot's Docker Compose support hands it.
 */
public final class ServicesReadyEvents {

	private ServicesReadyEvents() {
	}

	public static DockerComposeServicesReadyEvent of(ApplicationContext context, List<RunningService> services) {
		return new DockerComposeServicesReadyEvent(context, services);
	}

}
