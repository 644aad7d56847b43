package io.github.redisha.test.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the test kit's {@link ClusterView}, read with Lettuce's parser.
 *
 * @author redis-ha
 */
class ClusterViewTests {

	private static final String REPLY = """
			a1 127.0.0.1:7000@17000 master,fail? - 0 1700000000000 1 connected 0-5460 [5461->-b2]
			b2 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
			c3 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923 10925-16383
			d4 127.0.0.1:7003@17003 slave a1 0 1700000000000 1 connected
			e5 :0@0 slave,noaddr b2 0 0 2 disconnected
			""";

	@Test
	void readsFlagsPortsPrimariesAndSlots() {
		ClusterView view = ClusterView.parse(REPLY);
		assertThat(view.entries()).containsOnlyKeys("a1", "b2", "c3", "d4", "e5");
		assertThat(view.self().id()).isEqualTo("b2");
		ClusterView.Entry a1 = view.entries().get("a1");
		assertThat(a1.port()).isEqualTo(7000);
		assertThat(a1.isPrimary()).isTrue();
		assertThat(a1.unhealthyFlags()).containsExactly("fail?");
		assertThat(ClusterView.ranges(a1.slots())).isEqualTo("0-5460");
		assertThat(view.ownerOf(10924)).isNull();
		assertThat(view.ownerOf(10925)).isEqualTo("c3");
		ClusterView.Entry d4 = view.entries().get("d4");
		assertThat(d4.isPrimary()).isFalse();
		assertThat(d4.master()).isEqualTo("a1");
		assertThat(d4.unhealthyFlags()).isEmpty();
		assertThat(view.entries().get("e5").unhealthyFlags()).containsExactly("noaddr");
		assertThat(view.configuration()).containsEntry("c3", "primary of 10923,10925-16383")
			.containsEntry("d4", "replica of a1");
	}

}
