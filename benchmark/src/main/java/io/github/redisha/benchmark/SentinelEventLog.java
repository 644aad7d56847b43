package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The sentinels' own events, with the time they arrived: P is measured from these, not
 * from anything either client does.
 *
 * @author redis-ha
 */
final class SentinelEventLog implements AutoCloseable {

	private final RedisClient client = RedisClient.create();

	private final List<StatefulRedisPubSubConnection<String, String>> connections = new ArrayList<>();

	private final List<Event> events = new CopyOnWriteArrayList<>();

	SentinelEventLog(SentinelTopology topology) {
		for (RedisNode sentinel : topology.sentinels()) {
			RedisURI.Builder uri = RedisURI.builder()
				.withHost(sentinel.host())
				.withPort(sentinel.port())
				.withTimeout(Duration.ofSeconds(2));
			if (topology.sentinelPassword() != null) {
				uri.withPassword(topology.sentinelPassword().toCharArray());
			}
			StatefulRedisPubSubConnection<String, String> connection = this.client.connectPubSub(uri.build());
			connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String pattern, String channel, String message) {
					SentinelEventLog.this.events.add(new Event(System.nanoTime(), channel, message));
				}

			});
			connection.sync().psubscribe("*");
			this.connections.add(connection);
		}
	}

	/**
	 * When the first event of this type arrived after {@code since}, from any sentinel.
	 * @param type the event type, e.g. {@code +switch-master}
	 * @param since the earliest arrival, in {@link System#nanoTime()} terms
	 * @return the arrival time, or empty when none arrived
	 */
	OptionalLong first(String type, long since) {
		return this.events.stream()
			.filter((event) -> event.type().equals(type) && event.at() >= since)
			.mapToLong(Event::at)
			.min();
	}

	@Override
	public void close() {
		this.connections.forEach(StatefulRedisPubSubConnection::close);
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	record Event(long at, String type, String message) {

	}

}
