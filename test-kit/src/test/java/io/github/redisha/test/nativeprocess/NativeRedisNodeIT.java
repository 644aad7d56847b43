package io.github.redisha.test.nativeprocess;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeRedisNodeIT {

	@Test
	void aTakenPortIsReportedAsPortInUseWithTheLogTail(@TempDir Path tmp) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
				Probe probe = new Probe()) {
			NativeRedisNode node = new NativeRedisNode("node-0", false, taken.getLocalPort(), tmp.resolve("node-0"),
					Binaries.server(), null, probe, Duration.ofSeconds(10));
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
