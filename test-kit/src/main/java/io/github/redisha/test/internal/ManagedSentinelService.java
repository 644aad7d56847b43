package io.github.redisha.test.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisha.test.SentinelService;

/**
 * The {@link SentinelService} view of a topology's {@link TcpService}.
 *
 * @author redis-ha
 */
final class ManagedSentinelService implements SentinelService {

	private final TcpService service;

	private final Map<String, String> environment;

	ManagedSentinelService(TcpService service, Map<String, String> topologyEnvironment) {
		this.service = service;
		Map<String, String> environment = new LinkedHashMap<>(topologyEnvironment);
		environment.put("REDIS_SENTINELS", address());
		this.environment = Collections.unmodifiableMap(environment);
	}

	/**
	 * Starts a service in front of the Sentinels and waits until it routes to every
	 * running one.
	 * @param sentinels the Sentinels
	 * @param timeout how long to wait
	 * @return the started service
	 */
	static TcpService startService(List<ManagedRedisNode> sentinels, Duration timeout) {
		TcpService started = new TcpService("sentinel-service");
		sentinels.forEach((sentinel) -> started.add(sentinel.port()));
		try {
			Poll.until(started + " to route to every running Sentinel", timeout, (missing) -> {
				int running = SentinelHealth.responsive(sentinels).size();
				missing.add(started.ready().size() + " of " + running + " ready");
				return (started.ready().size() == running) ? Boolean.TRUE : null;
			});
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
		return started;
	}

	@Override
	public String address() {
		return ManagedRedisNode.HOST + ":" + port();
	}

	@Override
	public int port() {
		return this.service.port();
	}

	@Override
	public List<String> readySentinels() {
		return this.service.ready().stream().map((port) -> ManagedRedisNode.HOST + ":" + port).toList();
	}

	@Override
	public Map<String, String> environment() {
		return this.environment;
	}

	/**
	 * The open proxied sockets (for the kit's own cleanup checks).
	 * @return the number of open sockets
	 */
	int openSockets() {
		return this.service.openSockets();
	}

	@Override
	public String toString() {
		return "SentinelService[" + address() + " -> " + readySentinels() + "]";
	}

}
