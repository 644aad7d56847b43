package io.github.redisha.test.internal;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedRedisNodeIT {

	@Test
	void aTakenPortIsReportedAsPortInUseWithTheLogTail() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
				Probe probe = new Probe();
				ServerRuntime.Factory runtimes = ProcessRuntime.factory("redisha-node-it-", false)) {
			ManagedRedisNode node = new ManagedRedisNode("node-0", false, taken.getLocalPort(), null, probe,
					Duration.ofSeconds(10), runtimes);
			List<String> config = new ArrayList<>(node.baseConfig());
			config.add("save \"\"");
			node.writeConfig(config);
			assertThatThrownBy(node::start).isInstanceOf(PortInUseException.class)
				.hasMessageContaining("exited with code")
				.hasMessageContaining("Address already in use");
			assertThat(node.isRunning()).isFalse();
		}
	}

	@Test
	void portsAreOnLoopbackBelowTheEphemeralRangeAndDistinct() {
		List<Integer> ports = Ports.allocate(20);
		try {
			int ephemeralLow = Ports.ephemeralRangeLow();
			assertThat(ports).doesNotHaveDuplicates().allMatch((port) -> port > 0 && port < 65536);
			if (ephemeralLow >= 12000) {
				assertThat(ports).allMatch((port) -> port >= 10000 && port < ephemeralLow);
			}
		}
		finally {
			Ports.release(ports);
		}
	}

}
