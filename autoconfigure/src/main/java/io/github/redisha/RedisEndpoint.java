package io.github.redisha;

/**
 * A Redis or Sentinel endpoint, {@code host:port}. IPv6 hosts are written in brackets:
 * {@code [::1]:26379}.
 *
 * @param host the host name or address, without brackets
 * @param port the port, 1 to 65535
 * @author redis-ha
 * @since 0.1.0
 */
public record RedisEndpoint(String host, int port) {

	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
