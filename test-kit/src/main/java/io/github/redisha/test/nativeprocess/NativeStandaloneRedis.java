package io.github.redisha.test.nativeprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.StandaloneRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone {@code redis-server} child process.
 */
final class NativeStandaloneRedis implements StandaloneRedis {

	private static final Logger logger = LoggerFactory.getLogger(NativeStandaloneRedis.class);

	private static final int MAX_ATTEMPTS = 5;

	private final Spec spec;

	private final Path root;

	private final int port;

	private final Probe probe;

	private final NativeRedisNode node;

	private final AtomicBoolean closed = new AtomicBoolean();

	private NativeStandaloneRedis(Spec spec, Path binary, int port) {
		this.spec = spec;
		this.port = port;
		this.root = Dirs.createTempDirectory("redisha-standalone-");
		OpenTopologies.add(this);
		Watchdog.get().registerDirectory(this.root);
		this.probe = new Probe();
		this.node = new NativeRedisNode("node-0", false, port, this.root.resolve("node-0"), binary, spec.password(),
				this.probe, spec.startupTimeout());
		List<String> config = new ArrayList<>(this.node.baseConfig());
		config.add("save \"\"");
		config.add("appendonly no");
		if (spec.password() != null) {
			config.add("requirepass " + Dirs.quote(spec.password()));
		}
		config.addAll(spec.extraServerConfig());
		this.node.writeConfig(config);
	}

	static StandaloneRedis start(Spec spec) {
		Path binary = Binaries.server();
		RedisTopologyException lastBindFailure = null;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			NativeStandaloneRedis redis = new NativeStandaloneRedis(spec, binary, Ports.allocate(1).get(0));
			try {
				redis.node.start();
				logger.info("Started standalone Redis at {} (pid {}, dir {})", redis.node.address(),
						redis.node.pid().orElse(-1), redis.root);
				return redis;
			}
			catch (PortInUseException ex) {
				logger.info("Port {} was taken meanwhile; retrying with another port", redis.port);
				lastBindFailure = ex;
				redis.close();
			}
			catch (RuntimeException | Error ex) {
				redis.close();
				throw ex;
			}
		}
		throw new RedisTopologyException("Could not start a standalone Redis: ports were taken by other processes "
				+ MAX_ATTEMPTS + " times", lastBindFailure);
	}

	@Override
	public RedisNode node() {
		return this.node;
	}

	@Override
	public String password() {
		return this.spec.password();
	}

	@Override
	public Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("REDIS_SENTINEL_ENABLED", "false");
		env.put("REDIS_HOST", this.node.host());
		env.put("REDIS_PORT", Integer.toString(this.node.port()));
		if (this.spec.password() != null) {
			env.put("REDIS_PASSWORD", this.spec.password());
		}
		return Collections.unmodifiableMap(env);
	}

	/** The temporary directory holding the node's directory; deleted by {@link #close()}. */
	Path rootDirectory() {
		return this.root;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			Process p = this.node.disposeAsync();
			this.node.awaitDisposed(p);
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to end {}", this.node, ex);
		}
		try {
			this.probe.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to shut down the probe client", ex);
		}
		if (!Dirs.deleteRecursively(this.root)) {
			logger.warn("Could not delete {}", this.root);
		}
		Ports.release(List.of(this.port));
		OpenTopologies.remove(this);
		logger.debug("Closed {}", this);
	}

	@Override
	public String toString() {
		return "StandaloneRedis[" + this.node.address() + "]";
	}

}
