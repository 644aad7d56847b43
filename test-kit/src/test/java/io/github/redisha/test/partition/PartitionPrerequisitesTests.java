package io.github.redisha.test.partition;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without what partitions need, a test fails with one message naming what is missing and
 * what to do.
 */
class PartitionPrerequisitesTests {

	@Test
	void nonRootWithoutIptablesIsToldBoth() {
		String message = PartitionPrerequisites.message(PartitionPrerequisites.missing(1000, List.of("iptables")));
		assertThat(message).contains("Network partition tests need root")
			.contains("Missing: root (this JVM runs as uid 1000), the command 'iptables' on the PATH")
			.contains("Run the tests as root")
			.contains("CAP_NET_ADMIN");
	}

	@Test
	void rootWithEveryCommandMissesNothing() {
		assertThat(PartitionPrerequisites.missing(0, List.of())).isEmpty();
	}

}
