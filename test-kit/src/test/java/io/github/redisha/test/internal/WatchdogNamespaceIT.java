package io.github.redisha.test.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.redisha.test.partition.NetworkNamespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog script deletes the network namespaces registered with it once its input
 * ends (the JVM died), and only those named {@code redisha-*}. Needs root, like every
 * partition test.
 */
class WatchdogNamespaceIT {

	@Test
	void onEndOfInputDeletesRegisteredNamespaces() throws Exception {
		String name = "redisha-watchdog-" + ProcessHandle.current().pid();
		run("ip", "netns", "add", name);
		try {
			assertThat(NetworkNamespace.exists(name)).isTrue();
			Process watchdog = new ProcessBuilder("/bin/sh", "-c", Watchdog.SCRIPT).start();
			try (OutputStream in = watchdog.getOutputStream()) {
				in.write(("n" + name + "\nnother-namespace\n").getBytes(StandardCharsets.US_ASCII));
			}
			assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(NetworkNamespace.exists(name)).as("namespace " + name + " after the watchdog ran").isFalse();
		}
		finally {
			if (NetworkNamespace.exists(name)) {
				run("ip", "netns", "del", name);
			}
		}
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
	}

}
