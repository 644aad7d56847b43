package io.github.redisha.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Asks a data node for the zone it announces: {@code availability_zone} in
 * {@code INFO server} (Valkey 8.0+, set with its {@code availability-zone} config); Redis
 * and older Valkey report none. One short connection per node, through redis-ha's own
 * {@link NodeClient} (the application's credentials, TLS and timeouts).
 *
 * @author redis-ha
 */
final class ServerZoneLookup implements NodeZones.ZoneLookup, AutoCloseable {

	private static final String FIELD = "availability_zone:";

	private final NodeClient client;

	ServerZoneLookup(NodeClient client) {
		this.client = client;
	}

	@Override
	public CompletionStage<@Nullable String> zoneOf(RedisEndpoint node) {
		return this.client.connectData(node).thenCompose(this::askAndClose);
	}

	private CompletableFuture<@Nullable String> askAndClose(StatefulRedisConnection<String, String> connection) {
		return connection.async()
			.info("server")
			.toCompletableFuture()
			.<@Nullable String>thenApply(ServerZoneLookup::zone)
			.whenComplete((zone, failure) -> connection.closeAsync());
	}

	static @Nullable String zone(String info) {
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(FIELD)) {
				String zone = line.substring(FIELD.length()).trim();
				return StringUtils.hasText(zone) ? zone : null;
			}
		}
		return null;
	}

	@Override
	public void close() {
		this.client.close();
	}

}
