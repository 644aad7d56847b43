package io.github.redisha.internal;

import java.util.List;

import io.github.redisha.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NodeRole}.
 *
 * @author redis-ha
 */
class NodeRoleTests {

	@Test
	void masterReply() {
		NodeRole role = NodeRole.parse(List.of("master", 3129659L, List.of()));
		assertThat(role).isEqualTo(new NodeRole("master", null));
		assertThat(role.isMaster()).isTrue();
		assertThat(role.isReplica()).isFalse();
	}

	@Test
	void replicaReplyNamesItsMaster() {
		NodeRole role = NodeRole.parse(List.of("slave", "127.0.0.1", 9000L, "connected", 3167038L));
		assertThat(role).isEqualTo(new NodeRole("slave", new RedisEndpoint("127.0.0.1", 9000)));
		assertThat(role.isReplica()).isTrue();
	}

	@Test
	void replicaReplyWithoutAnAddressLeavesItsMasterUnknown() {
		assertThat(NodeRole.parse(List.of("slave", "127.0.0.1", "not-a-port"))).isEqualTo(new NodeRole("slave", null));
	}

	@Test
	void emptyReplyIsNoRole() {
		assertThat(NodeRole.parse(List.of())).isNull();
	}

}
