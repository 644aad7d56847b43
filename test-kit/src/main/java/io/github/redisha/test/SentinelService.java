package io.github.redisha.test;

import java.util.List;
import java.util.Map;

/**
 * One address in front of a topology's Sentinels, standing in for a Kubernetes ClusterIP
 * Service: every new TCP connection goes to the next <em>ready</em> Sentinel, round
 * robin. Ready means it answered {@code PING} at the last check (every 100 ms, like an
 * endpoint's readiness probe); a stopped or killed Sentinel leaves the rotation.
 * Connections already open stay where they are, as with kube-proxy. Listens on
 * {@code 127.0.0.1} only; closed with its topology. Obtain it with
 * {@link SentinelTopology#service()}.
 *
 * @author redis-ha
 * @since 0.2.0
 */
public interface SentinelService {

	/**
	 * The address applications are given, e.g. {@code 127.0.0.1:41234}.
	 * @return {@code 127.0.0.1:<port>}
	 */
	String address();

	/**
	 * The port the service listens on.
	 * @return the port
	 */
	int port();

	/**
	 * The Sentinels a new connection may go to now: members of the service that answered
	 * the last readiness check, in rotation order.
	 * @return their client addresses, e.g. {@code 127.0.0.1:26390}
	 */
	List<String> readySentinels();

	/**
	 * The topology's {@link SentinelTopology#environment() environment}, with
	 * {@code REDIS_SENTINELS} set to the service's address only.
	 * @return an unmodifiable, ordered map
	 */
	Map<String, String> environment();

}
