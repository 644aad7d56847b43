package io.github.redisha.cluster;

import java.util.List;
import java.util.function.Supplier;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.failover.internal.ClusterChannels;
import io.github.redisha.internal.FailoverThread;
import io.github.redisha.internal.NameResolution;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.NodeProbe;
import io.github.redisha.internal.RedisMode;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * The lifecycle of the cluster engine: started after the connection factory, when the
 * connection details name a cluster, whoever provides them. Each start creates a
 * {@link ClusterEngine} on its own small client ({@code redis-ha-cluster}), so that a
 * busy application client cannot delay it.
 *
 * @author redis-ha
 */
final class ClusterFailoverMonitor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterFailoverMonitor.class);

	private final DataRedisConnectionDetails details;

	private final RedisFailoverProperties properties;

	private final ClusterChannels channels;

	private final Supplier<@Nullable AbstractRedisClient> client;

	private final Supplier<@Nullable ClientResources> applicationResources;

	private volatile @Nullable Running running;

	ClusterFailoverMonitor(DataRedisConnectionDetails details, RedisFailoverProperties properties,
			ClusterChannels channels, Supplier<@Nullable AbstractRedisClient> client,
			Supplier<@Nullable ClientResources> applicationResources) {
		this.details = details;
		this.properties = properties;
		this.channels = channels;
		this.client = client;
		this.applicationResources = applicationResources;
	}

	@Override
	public void start() {
		if (this.running != null) {
			return;
		}
		DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
		if (RedisMode.of(this.details) != RedisMode.CLUSTER || cluster == null) {
			// e.g. the application defines its own connection factory: nothing to follow
			logger.info("redis-ha: the Redis connection details name no cluster; not following cluster failovers");
			return;
		}
		List<RedisEndpoint> seeds = cluster.getNodes()
			.stream()
			.map((node) -> new RedisEndpoint(node.host(), node.port()))
			.toList();
		NodeClient nodes = NodeClient.owning(NameResolution.ownResources().build(), this.details,
				this.properties.getProbeTimeout(), "redis-ha-cluster");
		FailoverThread thread = new FailoverThread("redis-ha-cluster");
		PartitionRefresh refresh = new PartitionRefresh(this.client, this.channels.listeners());
		refresh.observe(this.applicationResources.get());
		ClusterEngine engine = new ClusterEngine(thread, NodeProbe.keptOpen(nodes, thread), this.channels, refresh,
				seeds);
		this.running = new Running(engine, nodes, refresh);
		engine.start(this.properties.getCheckInterval());
	}

	@Override
	public void stop() {
		Running current = this.running;
		if (current != null) {
			this.running = null;
			current.engine().stop();
			current.nodes().close();
			current.refresh().close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	@Override
	public int getPhase() {
		// after the connection factory (phase 0) starts, before a web server stops taking
		// traffic
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private record Running(ClusterEngine engine, NodeClient nodes, PartitionRefresh refresh) {

	}

}
