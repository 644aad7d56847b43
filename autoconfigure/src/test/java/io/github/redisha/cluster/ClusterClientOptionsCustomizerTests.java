package io.github.redisha.cluster;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterClientOptionsCustomizerTests {

	private final ClusterClientOptionsCustomizer customizer = new ClusterClientOptionsCustomizer();

	@Test
	void addsAdaptiveAndPeriodicRefreshWhenTheApplicationSetNone() {
		ClusterClientOptions.Builder builder = ClusterClientOptions.builder()
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().dynamicRefreshSources(false).build());
		this.customizer.customize(builder);
		ClusterTopologyRefreshOptions refresh = builder.build().getTopologyRefreshOptions();
		assertThat(refresh.getAdaptiveRefreshTriggers()).contains(RefreshTrigger.MOVED_REDIRECT,
				RefreshTrigger.ASK_REDIRECT, RefreshTrigger.PERSISTENT_RECONNECTS);
		assertThat(refresh.getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
		assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(60));
		assertThat(refresh.useDynamicRefreshSources()).as("kept").isFalse();
	}

	@Test
	void keepsARefreshTheApplicationConfigured() {
		ClusterClientOptions.Builder builder = ClusterClientOptions.builder()
			.topologyRefreshOptions(
					ClusterTopologyRefreshOptions.builder().enablePeriodicRefresh(Duration.ofSeconds(7)).build());
		this.customizer.customize(builder);
		ClusterTopologyRefreshOptions refresh = builder.build().getTopologyRefreshOptions();
		assertThat(refresh).usingRecursiveComparison()
			.isEqualTo(ClusterTopologyRefreshOptions.builder().enablePeriodicRefresh(Duration.ofSeconds(7)).build());
	}

	@Test
	void leavesFailingReplicasOutOfTheSlotMapButKeepsEveryPrimary() {
		ClusterClientOptions.Builder builder = ClusterClientOptions.builder();
		this.customizer.customize(builder);
		Partitions nodes = ClusterPartitionParser.parse("""
				a1 127.0.0.1:7000@17000 master,fail? - 0 1 1 connected 0-5460
				d4 127.0.0.1:7003@17003 slave,fail a1 0 1 1 disconnected
				e5 127.0.0.1:7004@17004 slave a1 0 1 1 connected
				b2 127.0.0.1:7001@17001 master,fail - 0 1 1 disconnected
				""");
		assertThat(
				nodes.getPartitions().stream().filter(builder.build().getNodeFilter()).map((node) -> node.getNodeId()))
			.containsExactly("a1", "e5", "b2");
	}

	@Test
	void leavesStandaloneOptionsAlone() {
		ClientOptions.Builder builder = ClientOptions.builder();
		this.customizer.customize(builder);
		assertThat(builder.build()).isInstanceOf(ClientOptions.class).isNotInstanceOf(ClusterClientOptions.class);
	}

}
