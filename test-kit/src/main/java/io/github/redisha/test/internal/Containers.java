package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@link ContainerRuntime}s of one topology: one image, and the containers' shape
 * (host network, the config file copied in, a label with a per-topology id).
 *
 * @author redis-ha
 */
final class Containers implements ServerRuntime.Factory {

	static final String HINT = "The Testcontainers backend needs a Docker engine that runs Linux containers with"
			+ " host networking (Linux; Docker Desktop 4.34+ with host networking enabled) and the image locally"
			+ " or pullable; choose another image with the system property " + Backends.IMAGE_PROPERTY
			+ " or the environment variable " + Backends.IMAGE_ENV;

	private final DockerImageName image;

	private final String id = UUID.randomUUID().toString();

	Containers(DockerImageName image) {
		this.image = image;
	}

	DockerImageName image() {
		return this.image;
	}

	/**
	 * A node's container, not started: {@code command} on the host network, with
	 * {@code config} copied to {@code configFile}.
	 * @param name the node name, for the label
	 * @param config the config file's content
	 * @param configFile where the server reads its config
	 * @param command the server's command line
	 * @return the container
	 */
	@SuppressWarnings("resource") // closed (removed) by the runtime's awaitDisposed
	GenericContainer<?> define(String name, byte[] config, String configFile, String... command) {
		// world-writable: Sentinel rewrites its config, also in images whose server runs
		// as a non-root user that
		// does not own the copied file (the official image's entrypoint chowns /data,
		// others may not)
		return new GenericContainer<>(this.image).withNetworkMode("host")
			.withCopyToContainer(Transferable.of(config, 0100666), configFile)
			.withCommand(command)
			.withLabel("io.github.redisha.test.topology", this.id)
			.withLabel("io.github.redisha.test.node", name)
			// the node waits for PING itself and reports a server that exits with its log
			.withStartupCheckStrategy(new NoStartupCheck())
			.waitingFor(new NoWait());
	}

	@Override
	public ServerRuntime create(String name, boolean sentinel, int port) {
		return new ContainerRuntime(name, sentinel, this);
	}

	@Override
	public String describe() {
		return "containers of image " + this.image + ", host network";
	}

	@Override
	public void close() {
		// every container was removed by its node
	}

	/** Accepts the container as started at once; the node's own PING wait decides. */
	private static final class NoStartupCheck extends StartupCheckStrategy {

		@Override
		public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
			return StartupStatus.SUCCESSFUL;
		}

	}

	/**
	 * No Testcontainers wait: nothing is port-mapped with host networking; the node waits
	 * for PING itself.
	 */
	private static final class NoWait implements WaitStrategy {

		@Override
		public void waitUntilReady(WaitStrategyTarget waitStrategyTarget) {
		}

		@Override
		public WaitStrategy withStartupTimeout(Duration startupTimeout) {
			return this;
		}

	}

}
