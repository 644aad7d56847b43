package io.github.redisha.test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Topologies that speak TLS. Sentinel hands out TLS addresses, a TLS client trusting the
 * CA reaches the master through them, replication runs over TLS, and the kit's own waits
 * still work (they use the plaintext ports).
 */
class TlsTopologyIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path certificates;

	@Test
	void sentinelsHandOutTlsAddressesThatATlsClientReaches() {
		TlsFiles files = TlsFiles.createSelfSigned(this.certificates);
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.password("data-secret")
			.sentinelPassword("sentinel-secret")
			.tls(files)
			.start()) {
			RedisNode master = topology.master();
			RedisNode sentinel = topology.sentinels().get(0);
			assertThat(topology.dataNodes()).allSatisfy((node) -> {
				assertThat(node.tlsPort()).isPresent();
				assertThat(node.tlsPort().getAsInt()).isNotEqualTo(node.port());
			});
			assertThat(topology.environment()).containsEntry("REDIS_SSL", "true")
				.containsEntry("REDIS_SENTINELS", topology.sentinelAddresses());
			assertThat(topology.sentinelAddresses()).startsWith("127.0.0.1:" + sentinel.tlsPort().getAsInt() + ",");

			RedisClient client = tlsClient(files);
			try {
				SocketAddress handedOut;
				try (StatefulRedisSentinelConnection<String, String> connection = client
					.connectSentinel(tlsUri(sentinel.tlsPort().getAsInt(), "sentinel-secret"))) {
					handedOut = connection.sync().getMasterAddrByName("mymaster");
				}
				assertThat(handedOut).isInstanceOfSatisfying(InetSocketAddress.class, (address) -> {
					assertThat(address.getHostString()).isEqualTo("127.0.0.1");
					assertThat(address.getPort()).isEqualTo(master.tlsPort().getAsInt());
				});
				try (StatefulRedisConnection<String, String> connection = client
					.connect(tlsUri(master.tlsPort().getAsInt(), "data-secret"))) {
					assertThat(connection.sync().set("written-over-tls", "yes")).isEqualTo("OK");
				}
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
			TestRedis.await("the write to reach the replicas over TLS replication", TIMEOUT, () -> topology.replicas()
				.stream()
				.allMatch((replica) -> "yes".equals(TestRedis.get(replica, "data-secret", "written-over-tls"))));

			master.kill();
			RedisNode newMaster = topology.awaitFailover(master, TIMEOUT);
			assertThat(newMaster).isNotSameAs(master);
			master.start();
			topology.awaitHealthy(TIMEOUT);
			assertThat(TestRedis.role(master, "data-secret")).isEqualTo("slave");
		}
	}

	@Test
	void standaloneServesTlsOnItsTlsPort() {
		TlsFiles files = TlsFiles.createSelfSigned(this.certificates);
		try (StandaloneRedis redis = RedisTopologies.standalone().password("data-secret").tls(files).start()) {
			int tlsPort = redis.node().tlsPort().getAsInt();
			assertThat(redis.environment()).containsEntry("REDIS_PORT", String.valueOf(tlsPort))
				.containsEntry("REDIS_SSL", "true");
			RedisClient client = tlsClient(files);
			try (StatefulRedisConnection<String, String> connection = client.connect(tlsUri(tlsPort, "data-secret"))) {
				assertThat(connection.sync().set("written-over-tls", "yes")).isEqualTo("OK");
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
			assertThat(TestRedis.get(redis.node(), "data-secret", "written-over-tls")).isEqualTo("yes");
		}
	}

	@Test
	void tlsIsForTheNativeBackendOnly() {
		TlsFiles files = TlsFiles.createSelfSigned(this.certificates);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.sentinel().tls(files).backend(Backend.TESTCONTAINERS).start())
			.withMessageContaining("Backend.NATIVE only");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.standalone().tls(files).backend(Backend.TESTCONTAINERS).start())
			.withMessageContaining("Backend.NATIVE only");
	}

	private static RedisClient tlsClient(TlsFiles files) {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder()
			.sslOptions(SslOptions.builder().trustManager(files.caCertificate().toFile()).build())
			.build());
		return client;
	}

	private static RedisURI tlsUri(int port, String password) {
		return RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(port)
			.withSsl(true)
			.withPassword(password.toCharArray())
			.withTimeout(Duration.ofSeconds(2))
			.build();
	}

}
