package io.github.redisha.test.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine as Testcontainers connects to it, and what {@link ContainerRuntime}
 * asks it about a container by its id.
 *
 * @author redis-ha
 */
final class Docker {

	private Docker() {
	}

	static DockerClient client() {
		return DockerClientFactory.instance().client();
	}

	/**
	 * The state of a container.
	 * @param id the container id, or {@code null} before it was created
	 * @return the state, or {@code null} when there is no such container (any more)
	 */
	static InspectContainerResponse.ContainerState state(String id) {
		if (id == null) {
			return null;
		}
		try {
			return client().inspectContainerCmd(id).exec().getState();
		}
		catch (NotFoundException ex) {
			return null;
		}
	}

	/**
	 * The short form of a container id, as {@code docker ps} prints it.
	 * @param id the container id, or {@code null}
	 * @return the first 12 characters, or {@code -} for {@code null}
	 */
	static String shortId(String id) {
		return (id != null) ? id.substring(0, Math.min(12, id.length())) : "-";
	}

}
