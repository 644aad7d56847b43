package io.github.redisha.test.spring;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;

/**
 * Asks a server at the address and with the password the properties name for its role:
 * proof that the properties point at the running topology.
 */
final class Ping {

	private Ping() {
	}

	static String role(String host, int port, String password) {
		RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(2));
		if (password != null) {
			uri.withPassword(password.toCharArray());
		}
		RedisClient client = RedisClient.create(uri.build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return String.valueOf(connection.sync().role().get(0));
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	static String masterAddressFromSentinel(String address, String sentinelPassword, String masterName) {
		String[] hostPort = address.split(":");
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(hostPort[0])
			.withPort(Integer.parseInt(hostPort[1]))
			.withTimeout(Duration.ofSeconds(2));
		if (sentinelPassword != null) {
			uri.withPassword(sentinelPassword.toCharArray());
		}
		RedisClient client = RedisClient.create();
		try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri.build())) {
			InetSocketAddress master = (InetSocketAddress) connection.sync().getMasterAddrByName(masterName);
			return master.getHostString() + ":" + master.getPort();
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
