package io.github.redisha.test.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.TlsFiles;

/**
 * The {@code redis.conf} lines every node shares, whatever its topology: where it
 * listens, and TLS.
 *
 * @author redis-ha
 */
final class NodeConfig {

	private NodeConfig() {
	}

	/**
	 * Lines every node's config starts with.
	 * @param port the plaintext port
	 * @param tlsPort the TLS port, {@code 0} for plaintext only
	 * @param locationConfig where the runtime keeps the node's files and log
	 * @return the config lines
	 */
	static List<String> base(int port, int tlsPort, List<String> locationConfig) {
		List<String> lines = new ArrayList<>(
				List.of("port " + port, "bind " + ManagedRedisNode.HOST, "protected-mode no", "daemonize no"));
		if (tlsPort > 0) {
			lines.add("tls-port " + tlsPort);
		}
		lines.addAll(locationConfig);
		lines.add("loglevel notice");
		return lines;
	}

	/**
	 * TLS for clients and between nodes (replication, Sentinel links), no client
	 * certificates; nothing without TLS files.
	 * @param tls the TLS files, or {@code null} for a topology without TLS
	 * @return the {@code redis.conf} lines, empty without TLS files
	 */
	static List<String> tls(TlsFiles tls) {
		if (tls == null) {
			return List.of();
		}
		return List.of("tls-cert-file " + Dirs.quote(tls.certificate().toString()),
				"tls-key-file " + Dirs.quote(tls.key().toString()),
				"tls-ca-cert-file " + Dirs.quote(tls.caCertificate().toString()), "tls-auth-clients no",
				"tls-replication yes");
	}

}
