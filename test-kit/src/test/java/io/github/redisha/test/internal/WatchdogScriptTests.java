package io.github.redisha.test.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog script alone, with {@code sleep} processes standing in for Redis.
 */
class WatchdogScriptTests {

	@Test
	void onEndOfInputKillsRegisteredPidsAndDeletesDirectories(@TempDir Path tmp) throws Exception {
		Process kept = new ProcessBuilder("sleep", "60").start();
		Process killed = new ProcessBuilder("sleep", "60").start();
		Path dir = Files.createDirectories(tmp.resolve("redisha-x/node-0"));
		Files.writeString(dir.resolve("redis.conf"), "port 1");
		Path unrelated = Files.createDirectories(tmp.resolve("other"));
		try {
			Process watchdog = new ProcessBuilder("/bin/sh", "-c", Watchdog.SCRIPT).start();
			try (OutputStream in = watchdog.getOutputStream()) {
				String lines = kept.pid() + "\n" + killed.pid() + "\n" + "-" + kept.pid() + "\n" + "garbage\n" + "d"
						+ tmp.resolve("redisha-x") + "\n" + "d" + unrelated + "\n";
				in.write(lines.getBytes(StandardCharsets.US_ASCII));
			}
			assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(kept.isAlive()).isTrue();
			assertThat(tmp.resolve("redisha-x")).doesNotExist();
			assertThat(unrelated).isDirectory();
		}
		finally {
			kept.destroyForcibly();
			killed.destroyForcibly();
		}
	}

}
