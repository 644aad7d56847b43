package io.github.redisha.test.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DirsTests {

	@Test
	void quotesConfigValues() {
		assertThat(Dirs.quote("plain")).isEqualTo("\"plain\"");
		assertThat(Dirs.quote("a b\"c\\d\n")).isEqualTo("\"a b\\\"c\\\\d\\x0a\"");
	}

	@Test
	void tailsLogs(@TempDir Path tmp) throws Exception {
		Path log = tmp.resolve("redis.log");
		assertThat(Dirs.tail(log, 2)).contains("does not exist");
		Files.write(log, List.of("1", "2", "3"));
		assertThat(Dirs.tail(log, 2)).isEqualTo("2\n3");
	}

	@Test
	void deletesTrees(@TempDir Path tmp) throws Exception {
		Path root = Files.createDirectories(tmp.resolve("redisha-1/node-0"));
		Files.writeString(root.resolve("redis.conf"), "x");
		assertThat(Dirs.deleteRecursively(tmp.resolve("redisha-1"))).isTrue();
		assertThat(tmp.resolve("redisha-1")).doesNotExist();
		assertThat(Dirs.deleteRecursively(tmp.resolve("missing"))).isTrue();
	}

}
