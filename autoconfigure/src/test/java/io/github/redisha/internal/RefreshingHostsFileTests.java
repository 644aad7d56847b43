package io.github.redisha.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.netty.resolver.ResolvedAddressTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RefreshingHostsFile}.
 *
 * @author redis-ha
 */
class RefreshingHostsFileTests {

	@Test
	void followsANameMovedToANewAddressInTheSameFile(@TempDir Path dir) throws IOException {
		Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.11 redis-node-0\n");
		RefreshingHostsFile resolver = new RefreshingHostsFile(hosts.toFile());
		assertThat(resolver.address("redis-node-0", ResolvedAddressTypes.IPV4_ONLY).getHostAddress())
			.isEqualTo("127.0.0.11");
		// rewritten in place, as a bind-mounted /etc/hosts must be; the length changes
		Files.writeString(hosts, "127.0.0.111 redis-node-0\n", StandardOpenOption.TRUNCATE_EXISTING);
		assertThat(resolver.address("REDIS-NODE-0", ResolvedAddressTypes.IPV4_PREFERRED).getHostAddress())
			.isEqualTo("127.0.0.111");
	}

	@Test
	void seesAChangeOfTheSameLengthByItsModificationTime(@TempDir Path dir) throws IOException {
		Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.11 redis-node-0\n");
		RefreshingHostsFile resolver = new RefreshingHostsFile(hosts.toFile());
		assertThat(resolver.address("redis-node-0", ResolvedAddressTypes.IPV4_ONLY).getHostAddress())
			.isEqualTo("127.0.0.11");
		Files.writeString(hosts, "127.0.0.12 redis-node-0\n", StandardOpenOption.TRUNCATE_EXISTING);
		Files.setLastModifiedTime(hosts,
				java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(hosts).toMillis() + 2000));
		assertThat(resolver.address("redis-node-0", ResolvedAddressTypes.IPV4_ONLY).getHostAddress())
			.isEqualTo("127.0.0.12");
	}

	@Test
	void aNameNotInTheFileIsLeftToDns(@TempDir Path dir) throws IOException {
		Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.11 redis-node-0\n");
		RefreshingHostsFile resolver = new RefreshingHostsFile(hosts.toFile());
		assertThat(resolver.address("redis-node-1", ResolvedAddressTypes.IPV4_ONLY)).isNull();
		assertThat(resolver.address("redis-node-0", ResolvedAddressTypes.IPV6_ONLY)).isNull();
	}

	@Test
	void aMissingFileHasNoEntries(@TempDir Path dir) {
		RefreshingHostsFile resolver = new RefreshingHostsFile(dir.resolve("absent").toFile());
		assertThat(resolver.address("redis-node-0", ResolvedAddressTypes.IPV4_ONLY)).isNull();
	}

}
