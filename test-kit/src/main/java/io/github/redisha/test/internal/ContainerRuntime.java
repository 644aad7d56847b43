package io.github.redisha.test.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.github.redisha.test.RedisTopologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A node's server in a Docker container started through Testcontainers, with host
 * networking so that the server listens on the host's {@code 127.0.0.1:<port>} and the
 * addresses Sentinel hands out are the ones clients reach.
 *
 * <p>
 * The config file is copied into the container's {@code /data} before its first start.
 * The container is kept across {@link #kill()} / {@link #stop(Duration)}, so a restart
 * ({@code docker start}) finds the config Sentinel rewrote; it is removed when the
 * topology closes. Fault operations map to {@code docker kill} (SIGKILL),
 * {@code docker stop} (SIGTERM, then SIGKILL), {@code docker pause} / {@code unpause}
 * (cgroup freezer: the process keeps its sockets but runs no instruction — like SIGSTOP).
 *
 * <p>
 * Only loaded when {@code Backend.TESTCONTAINERS} is chosen, so Testcontainers stays an
 * optional dependency.
 *
 * @author redis-ha
 */
final class ContainerRuntime implements ServerRuntime {

	private static final Logger logger = LoggerFactory.getLogger(ContainerRuntime.class);

	private static final String DIR = "/data";

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

	private static final int LOG_LINES = 30;

	private final String name;

	private final boolean sentinel;

	private final Containers containers;

	private final DockerImageName image;

	private byte[] config;

	private volatile GenericContainer<?> container;

	private volatile String containerId;

	ContainerRuntime(String name, boolean sentinel, Containers containers) {
		this.name = name;
		this.sentinel = sentinel;
		this.containers = containers;
		this.image = containers.image();
	}

	/**
	 * The runtimes of one topology: every node in its own container of {@code image}.
	 * @param image the Docker image, with {@code redis-server} on its {@code PATH}
	 * @return the factory
	 */
	static Factory factory(String image) {
		return new Containers(DockerImageName.parse(image));
	}

	private String configFile() {
		return DIR + (this.sentinel ? "/sentinel.conf" : "/redis.conf");
	}

	@Override
	public List<String> locationConfig() {
		// logfile "" = stdout, i.e. the container's log
		return List.of("dir " + DIR, "logfile \"\"");
	}

	@Override
	public void writeConfig(List<String> lines) {
		this.config = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	@SuppressWarnings("resource") // closed (removed) by awaitDisposed
	public void launch() {
		String id = this.containerId;
		if (id != null) {
			// restart the same container: its /data holds the config Sentinel rewrote
			Docker.client().startContainerCmd(id).exec();
			logger.debug("Restarted container {} of {}", Docker.shortId(id), this.name);
			return;
		}
		String[] command = this.sentinel ? new String[] { "redis-server", configFile(), "--sentinel" }
				: new String[] { "redis-server", configFile() };
		GenericContainer<?> created = this.containers.define(this.name, this.config, configFile(), command);
		this.container = created;
		try {
			created.start();
		}
		catch (RuntimeException ex) {
			throw new RedisTopologyException("Could not start a container of image " + this.image + " for " + this.name
					+ ": " + Poll.describe(ex).trim() + ". " + Containers.HINT, ex);
		}
		this.containerId = created.getContainerId();
		logger.debug("Started container {} of {} (image {})", Docker.shortId(this.containerId), this.name, this.image);
	}

	@Override
	public boolean isAlive() {
		InspectContainerResponse.ContainerState state = state();
		return state != null && Boolean.TRUE.equals(state.getRunning());
	}

	private boolean isPaused() {
		InspectContainerResponse.ContainerState state = state();
		return state != null && Boolean.TRUE.equals(state.getPaused());
	}

	private InspectContainerResponse.ContainerState state() {
		return Docker.state(this.containerId);
	}

	@Override
	public OptionalLong pid() {
		// the server's pid lives in another pid namespace (and maybe on another machine):
		// no local process
		return OptionalLong.empty();
	}

	@Override
	public void kill() {
		String id = this.containerId;
		if (id == null || !isAlive()) {
			return;
		}
		boolean paused = isPaused();
		Docker.client().killContainerCmd(id).exec();
		if (paused) {
			// the pending SIGKILL is delivered as the container thaws: the server runs no
			// further instruction
			resumeQuietly(id);
		}
		Poll.until(this.name + " (container " + Docker.shortId(id) + ") to exit after docker kill", EXIT_TIMEOUT,
				(missing) -> {
					if (!isAlive()) {
						return Boolean.TRUE;
					}
					missing.add("container still running");
					return null;
				});
	}

	@Override
	public boolean stop(Duration timeout) {
		String id = this.containerId;
		if (id == null || !isAlive()) {
			return true;
		}
		// docker stop: SIGTERM, then SIGKILL after the timeout; returns once the
		// container exited
		Docker.client().stopContainerCmd(id).withTimeout((int) Math.max(1, timeout.toSeconds())).exec();
		InspectContainerResponse.ContainerState state = state();
		Long exitCode = (state != null) ? state.getExitCodeLong() : null;
		// Redis exits with 0 after SIGTERM; 137 (128 + SIGKILL) means docker had to kill
		// it
		return exitCode == null || exitCode != 137;
	}

	@Override
	public void suspend() {
		String id = this.containerId;
		if (id == null) {
			throw new IllegalStateException(this.name + " is not running");
		}
		Docker.client().pauseContainerCmd(id).exec();
	}

	@Override
	public void resume() {
		String id = this.containerId;
		if (id != null && isPaused()) {
			Docker.client().unpauseContainerCmd(id).exec();
		}
	}

	private void resumeQuietly(String id) {
		try {
			Docker.client().unpauseContainerCmd(id).exec();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not unpause container {} of {}", Docker.shortId(id), this.name, ex);
		}
	}

	@Override
	public String describeExit() {
		InspectContainerResponse.ContainerState state = state();
		String exit = (state != null) ? "exited with code " + state.getExitCodeLong()
				+ ((state.getError() != null && !state.getError().isEmpty()) ? " (" + state.getError() + ")" : "")
				: "was removed";
		return "(container " + Docker.shortId(this.containerId) + ", image " + this.image + ", redis-server "
				+ configFile() + (this.sentinel ? " --sentinel" : "") + ") " + exit + " while starting.\n" + logTail();
	}

	@Override
	public String logTail() {
		GenericContainer<?> c = this.container;
		String header = "Last lines of the log of container " + Docker.shortId(this.containerId) + " (" + this.name
				+ "):\n";
		if (c == null || this.containerId == null) {
			return header + "(no container)";
		}
		try {
			List<String> lines = Arrays.asList(c.getLogs().split("\r?\n"));
			List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
			return header + String.join("\n", tail);
		}
		catch (RuntimeException ex) {
			return header + "(could not read the log: " + Poll.describe(ex) + ")";
		}
	}

	@Override
	public void disposeAsync(boolean frozen) {
		String id = this.containerId;
		if (id == null) {
			return;
		}
		try {
			Docker.client().killContainerCmd(id).exec();
		}
		catch (RuntimeException ex) {
			// not running (any more)
			logger.trace("docker kill {} failed", Docker.shortId(id), ex);
		}
		if (frozen) {
			resumeQuietly(id);
		}
	}

	@Override
	public boolean awaitDisposed() {
		GenericContainer<?> c = this.container;
		if (c == null) {
			return true;
		}
		try {
			// removes the container (and its anonymous /data volume)
			c.stop();
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove container {} of {}", Docker.shortId(this.containerId), this.name, ex);
			return false;
		}
		finally {
			this.containerId = null;
		}
	}

}
