package io.github.redisha.test.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.StandaloneRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone {@code redis-server}; its server runs through a {@link ServerRuntime} (a
 * local process or a container).
 *
 * @author redis-ha
 */
final class ManagedStandaloneRedis implements StandaloneRedis, PortRetries.Startable {

	private static final Logger logger = LoggerFactory.getLogger(ManagedStandaloneRedis.class);

	private final Spec spec;

	private final ServerRuntime.Factory runtimes;

	/** The plaintext port, then the TLS port when there is one. */
	private final List<Integer> ports;

	private final Probe probe;

	private final ManagedRedisNode node;

	private final AtomicBoolean closed = new AtomicBoolean();

	private ManagedStandaloneRedis(Spec spec, ServerRuntime.Factory runtimes, List<Integer> ports) {
		this.spec = spec;
		this.ports = ports;
		this.runtimes = runtimes;
		this.probe = new Probe();
		this.node = new ManagedRedisNode("node-0", false, ports.get(0), (spec.tls() != null) ? ports.get(1) : 0,
				spec.password(), this.probe, spec.startupTimeout(), runtimes);
		List<String> config = new ArrayList<>(this.node.baseConfig());
		config.addAll(NodeConfig.tls(spec.tls()));
		config.add("save \"\"");
		config.add("appendonly no");
		if (spec.password() != null) {
			config.add("requirepass " + Dirs.quote(spec.password()));
		}
		config.addAll(spec.extraServerConfig());
		this.node.writeConfig(config);
		OpenTopologies.add(this);
	}

	/**
	 * Starts a server; retried on a new port when the port was taken meanwhile.
	 * @param spec what to start
	 * @param runtimes creates the runtime of one attempt (a fresh temporary directory,
	 * ...)
	 * @return the started server
	 */
	static StandaloneRedis start(Spec spec, Supplier<ServerRuntime.Factory> runtimes) {
		ManagedStandaloneRedis redis = PortRetries.start("a standalone Redis", runtimes,
				() -> Ports.allocate((spec.tls() != null) ? 2 : 1), Ports::release,
				(factory, ports) -> new ManagedStandaloneRedis(spec, factory, ports));
		logger.info("Started standalone Redis at {} ({})", redis.node.address(), redis.runtimes.describe());
		return redis;
	}

	@Override
	public void boot() {
		this.node.start();
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
		env.put("REDIS_PORT", Integer.toString(this.node.announcedPort()));
		if (this.spec.password() != null) {
			env.put("REDIS_PASSWORD", this.spec.password());
		}
		if (this.spec.tls() != null) {
			env.put("REDIS_SSL", "true");
		}
		return Collections.unmodifiableMap(env);
	}

	/**
	 * What runs the server (for the kit's own cleanup checks).
	 * @return the runtimes factory
	 */
	ServerRuntime.Factory runtimes() {
		return this.runtimes;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		OpenTopologies.dispose(this, List.of(this.node), this.probe, this.runtimes, () -> Ports.release(this.ports));
	}

	@Override
	public String toString() {
		return "StandaloneRedis[" + this.node.address() + "]";
	}

}
