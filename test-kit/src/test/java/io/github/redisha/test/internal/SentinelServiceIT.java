package io.github.redisha.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelService;
import io.github.redisha.test.SentinelTopology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Service in front of the Sentinels: round robin over the ready ones, a stopped one
 * leaves the rotation, a redeploy moves it to the new Sentinels, and close leaves no
 * listener, socket or thread.
 */
class SentinelServiceIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern TCP_PORT = Pattern.compile("tcp_port:(\\d+)");

	@Test
	void roundRobinOverTheReadySentinelsAndAStoppedOneLeavesTheRotation() throws IOException {
		try (SentinelTopology topology = RedisTopologies.sentinel().start()) {
			SentinelService service = topology.service();
			List<Integer> sentinelPorts = topology.sentinels().stream().map(RedisNode::port).toList();
			assertThat(service.address()).isEqualTo("127.0.0.1:" + service.port());
			assertThat(service.environment()).containsEntry("REDIS_SENTINELS", service.address())
				.containsEntry("REDIS_SENTINEL_ENABLED", "true");
			assertThat(service.readySentinels()).hasSize(3);

			List<Integer> answered = portsBehind(service, 6);
			assertThat(answered).as("six connections, each Sentinel twice").hasSize(6);
			assertThat(new TreeSet<>(answered)).containsExactlyInAnyOrderElementsOf(sentinelPorts);
			for (int port : sentinelPorts) {
				assertThat(answered.stream().filter((p) -> p == port)).hasSize(2);
			}

			RedisNode stopped = topology.sentinels().get(0);
			stopped.stop();
			await().atMost(TIMEOUT).until(() -> !service.readySentinels().contains(stopped.address()));
			assertThat(portsBehind(service, 6)).hasSize(6).doesNotContain(stopped.port());

			stopped.start();
			await().atMost(TIMEOUT).until(() -> service.readySentinels().contains(stopped.address()));
			assertThat(new TreeSet<>(portsBehind(service, 3))).containsExactlyInAnyOrderElementsOf(sentinelPorts);
		}
	}

	@Test
	void redeployMovesTheServiceToNewSentinelsThatForgotTheOldOnes() throws IOException {
		try (SentinelTopology topology = RedisTopologies.sentinel().password("data-secret").start()) {
			SentinelService service = topology.service();
			List<RedisNode> old = topology.sentinels();
			topology.redeploySentinels();
			List<RedisNode> fresh = topology.sentinels();

			assertThat(fresh).hasSize(3).doesNotContainAnyElementsOf(old);
			assertThat(old).noneMatch(RedisNode::isRunning);
			Set<Integer> freshPorts = new TreeSet<>(fresh.stream().map(RedisNode::port).toList());
			assertThat(freshPorts).doesNotContainAnyElementsOf(old.stream().map(RedisNode::port).toList());
			assertThat(service.readySentinels())
				.containsExactlyInAnyOrderElementsOf(fresh.stream().map(RedisNode::address).toList());
			assertThat(new TreeSet<>(portsBehind(service, 3))).isEqualTo(freshPorts);
			for (RedisNode sentinel : fresh) {
				assertThat(listedSentinels(sentinel, topology.masterName()))
					.as("SENTINEL SENTINELS of %s after the reset", sentinel)
					.isEqualTo(new TreeSet<>(freshPorts.stream().filter((p) -> p != sentinel.port()).toList()));
			}
			RedisNode master = topology.master();
			assertThat(topology.dataNodes()).contains(master);
		}
	}

	@Test
	void closeEndsTheServiceItsConnectionsAndThreads() throws IOException {
		SentinelTopology topology = RedisTopologies.sentinel().start();
		int port;
		try (Socket held = new Socket(InetAddress.getLoopbackAddress(), topology.service().port())) {
			port = topology.service().port();
			assertThat(tcpPort(held)).isPositive();
			assertThat(((ManagedSentinelService) topology.service()).openSockets()).isEqualTo(2);
			assertThat(serviceThreads()).isNotEmpty();

			topology.close();

			held.setSoTimeout(5000);
			assertThat(held.getInputStream().read()).as("the held connection is closed").isEqualTo(-1);
		}
		assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
			.as("nothing listens on the service port")
			.isInstanceOf(IOException.class);
		assertThat(serviceThreads()).as("service threads left").isEmpty();
		assertThatThrownBy(topology::service).isInstanceOf(IllegalStateException.class);
	}

	private static List<String> serviceThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("redisha-test-sentinel-service"))
			.toList();
	}

	/** Opens {@code count} connections at once and asks each which port it reached. */
	private static List<Integer> portsBehind(SentinelService service, int count) throws IOException {
		List<Socket> sockets = new ArrayList<>();
		try {
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port());
				sockets.add(socket);
				ports.add(tcpPort(socket));
			}
			return ports;
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static int tcpPort(Socket socket) throws IOException {
		socket.setSoTimeout(5000);
		socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
		String reply = readReply(socket.getInputStream());
		Matcher matcher = TCP_PORT.matcher(reply);
		assertThat(matcher.find()).as("INFO server through the service: %s", reply).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/** Reads one bulk reply ({@code $<length>\r\n<data>\r\n}). */
	private static String readReply(InputStream in) throws IOException {
		StringBuilder header = new StringBuilder();
		int c;
		while ((c = in.read()) != '\n') {
			if (c < 0) {
				throw new IOException("closed after " + header);
			}
			header.append((char) c);
		}
		int length = Integer.parseInt(header.toString().trim().substring(1));
		byte[] data = in.readNBytes(length + 2);
		return new String(data, StandardCharsets.UTF_8);
	}

	private static Set<Integer> listedSentinels(RedisNode sentinel, String masterName) {
		Probe probe = new Probe();
		try {
			List<Map<String, String>> listed = probe.sentinelView(sentinel.port(), null, masterName).sentinels();
			Set<Integer> ports = new TreeSet<>();
			listed.forEach((entry) -> ports.add(Integer.parseInt(entry.get("port"))));
			return ports;
		}
		finally {
			probe.close();
		}
	}

}
