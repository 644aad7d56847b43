package io.github.redisha.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.internal.NodeClient;
import io.github.redisha.internal.Replies;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ListOfMapsOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.jspecify.annotations.Nullable;

/**
 * redis-ha's two connections to one sentinel: a Pub/Sub connection subscribed to every
 * event ({@code PSUBSCRIBE *}), which Lettuce reconnects and re-subscribes with the
 * jittered delay, and a command connection to ask for the master. All methods are called
 * on the failover thread; Lettuce callbacks are handed to {@link Events}.
 *
 * @author redis-ha
 */
final class SentinelLink {

	private final RedisEndpoint endpoint;

	private final NodeClient client;

	private final String masterName;

	private final Events events;

	private @Nullable CompletableFuture<StatefulRedisPubSubConnection<String, String>> subscription;

	private @Nullable CompletableFuture<StatefulRedisSentinelConnection<String, String>> commands;

	private volatile boolean closed;

	SentinelLink(RedisEndpoint endpoint, NodeClient client, String masterName, Events events) {
		this.endpoint = endpoint;
		this.client = client;
		this.masterName = masterName;
		this.events = events;
	}

	RedisEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Subscribe, unless a subscription exists or is being made. A failed first connect is
	 * retried by the engine's periodic check; after that Lettuce reconnects on its own.
	 */
	void subscribe() {
		if (this.closed || (this.subscription != null && !this.subscription.isCompletedExceptionally())) {
			return;
		}
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> connecting = this.client
			.subscribe(this.endpoint);
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> subscribed = connecting
			.thenCompose((connection) -> {
				connection.addListener(new RedisPubSubAdapter<>() {

					@Override
					public void message(String pattern, String channel, String message) {
						SentinelLink.this.events.received(SentinelLink.this.endpoint, channel, message);
					}

					@Override
					public void psubscribed(String pattern, long count) {
						// also after Lettuce re-subscribed on a new connection: events
						// may have been missed
						SentinelLink.this.events.subscribed(SentinelLink.this.endpoint);
					}

				});
				return connection.async().psubscribe("*").toCompletableFuture().thenApply((ignored) -> connection);
			});
		this.subscription = subscribed;
		subscribed.whenComplete((connection, failure) -> {
			if (failure != null) {
				connecting.thenAccept(StatefulRedisPubSubConnection::closeAsync);
				this.events.unreachable(this.endpoint, failure);
			}
			else if (this.closed) {
				connection.closeAsync();
			}
		});
	}

	boolean isSubscribed() {
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> current = this.subscription;
		return current != null && current.isDone() && !current.isCompletedExceptionally() && current.join().isOpen();
	}

	/**
	 * Ask for the master: its address ({@code GET-MASTER-ADDR-BY-NAME}, which already
	 * names a promoted replica during a failover) and the configuration epoch.
	 * @return the answer; fails on timeout or when the sentinel does not know the master
	 */
	CompletableFuture<MasterAnswer> askMaster() {
		return commands().thenCompose((connection) -> {
			CompletableFuture<@Nullable RedisEndpoint> address = NodeClient.masterAddress(connection, this.masterName);
			CompletableFuture<Map<String, String>> master = connection.async()
				.master(this.masterName)
				.toCompletableFuture();
			return address.thenCombine(master, (reported, info) -> {
				if (reported == null) {
					throw new IllegalStateException("sentinel does not know master " + this.masterName);
				}
				long epoch = Replies.parseLong(info.get("config-epoch"));
				String flags = info.getOrDefault("flags", "");
				return new MasterAnswer(this.endpoint, reported, epoch,
						flags.contains("s_down") || flags.contains("o_down") || flags.contains("failover_in_progress"));
			});
		}).orTimeout(answerTimeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((answer, failure) -> {
			if (failure != null) {
				dropCommands();
			}
		});
	}

	/**
	 * The other sentinels this one knows ({@code SENTINEL SENTINELS}).
	 * @return their addresses
	 */
	CompletableFuture<List<RedisEndpoint>> askSentinels() {
		return commands()
			.thenCompose((connection) -> connection.async()
				.dispatch(CommandType.SENTINEL, new ListOfMapsOutput<>(StringCodec.UTF8),
						new CommandArgs<>(StringCodec.UTF8).add("SENTINELS").addKey(this.masterName))
				.toCompletableFuture())
			.thenApply((sentinels) -> {
				List<RedisEndpoint> endpoints = new ArrayList<>();
				for (Map<String, String> sentinel : sentinels) {
					String ip = sentinel.get("ip");
					int port = Replies.parsePort(sentinel.get("port"));
					if (ip != null && port != 0) {
						endpoints.add(new RedisEndpoint(ip, port));
					}
				}
				return endpoints;
			})
			.orTimeout(answerTimeoutMillis(), TimeUnit.MILLISECONDS);
	}

	private long answerTimeoutMillis() {
		return this.client.timeout().toMillis() * 2;
	}

	private CompletableFuture<StatefulRedisSentinelConnection<String, String>> commands() {
		CompletableFuture<StatefulRedisSentinelConnection<String, String>> current = this.commands;
		if (current == null || current.isCompletedExceptionally() || (current.isDone() && !current.join().isOpen())) {
			if (current != null) {
				current.thenAccept(StatefulRedisSentinelConnection::closeAsync);
			}
			current = this.client.connectSentinel(this.endpoint);
			this.commands = current;
		}
		return current;
	}

	private void dropCommands() {
		CompletableFuture<StatefulRedisSentinelConnection<String, String>> current = this.commands;
		this.commands = null;
		if (current != null) {
			current.thenAccept(StatefulRedisSentinelConnection::closeAsync);
		}
	}

	void close() {
		this.closed = true;
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> pubSub = this.subscription;
		if (pubSub != null) {
			pubSub.thenAccept(StatefulRedisPubSubConnection::closeAsync);
		}
		dropCommands();
	}

	/**
	 * What a sentinel said about the master.
	 *
	 * @param sentinel the sentinel asked
	 * @param master the master it names
	 * @param epoch its configuration epoch for the master, -1 if unknown
	 * @param troubled whether it flags the master down or a failover of it in progress
	 */
	record MasterAnswer(RedisEndpoint sentinel, RedisEndpoint master, long epoch, boolean troubled) {

	}

	/**
	 * Where the link reports what it receives.
	 */
	interface Events {

		void received(RedisEndpoint sentinel, String channel, String message);

		void subscribed(RedisEndpoint sentinel);

		void unreachable(RedisEndpoint sentinel, Throwable failure);

	}

}
