package io.github.redisha.docker.compose;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Receives the services that Spring Boot's Docker Compose support started and lets
 * {@link ComposeTopologyContributor} turn a Sentinel topology among them into redis-ha's
 * settings. Registered in {@code META-INF/spring.factories} as an application listener,
 * which is where Boot's Docker Compose support looks for listeners of its
 * {@code DockerComposeServicesReadyEvent}. The event is matched by name so that this
 * class loads in applications without {@code spring-boot-docker-compose}.
 *
 * @author redis-ha
 */
class RedisHaDockerComposeListener implements SmartApplicationListener {

	static final String SERVICES_READY_EVENT = "org.springframework.boot.docker.compose.lifecycle."
			+ "DockerComposeServicesReadyEvent";

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return SERVICES_READY_EVENT.equals(eventType.getName());
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		ComposeTopologyContributor.contribute(event);
	}

}
