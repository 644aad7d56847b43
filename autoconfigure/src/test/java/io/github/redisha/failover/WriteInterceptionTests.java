package io.github.redisha.failover;

import java.time.Duration;
import java.util.List;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.internal.FailoverListeners;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TransactionalCommand;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WriteInterception}'s policy: which commands it takes over, where it
 * adds {@code WAIT}, and how long a rejected command may be sent again. No Redis: the
 * commands go to an embedded channel.
 *
 * @author redis-ha
 */
class WriteInterceptionTests {

	private static final Duration BUDGET = Duration.ofSeconds(2);

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final ChannelRole role = new ChannelRole();

	private final RecordingChannelWriter writer = new RecordingChannelWriter();

	private final ClientChannels sentinelChannels = sentinelMode(new ClientChannels(new FailoverListeners(null)));

	private final ClientChannels standaloneChannels = new ClientChannels(new FailoverListeners(null));

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void takesOverWritesAndReadsOnlyWhenItMayRetryThem() {
		WriteInterception interception = interception(this.sentinelChannels, true, BUDGET, 0);
		assertThat(intercept(interception, command(CommandType.SET))).isInstanceOf(InterceptedCommand.class);
		assertThat(intercept(interception, command(CommandType.GET))).as("LOADING on a replica")
			.isInstanceOf(InterceptedCommand.class);
		WriteInterception readOnlyOnly = interception(this.sentinelChannels, true, Duration.ZERO, 0);
		assertThat(intercept(readOnlyOnly, command(CommandType.SET))).isInstanceOf(InterceptedCommand.class);
		RedisCommand<String, String, String> read = command(CommandType.GET);
		assertThat(intercept(readOnlyOnly, read)).as("a read is not answered READONLY").isSameAs(read);
	}

	@Test
	void connectionCommandsPubSubAndQueuedTransactionCommandsPassUntouched() {
		WriteInterception interception = interception(this.sentinelChannels, true, BUDGET, 1);
		for (CommandType type : List.of(CommandType.PING, CommandType.AUTH, CommandType.PUBLISH, CommandType.MULTI,
				CommandType.WAIT, CommandType.CLUSTER)) {
			RedisCommand<String, String, String> command = command(type);
			assertThat(intercept(interception, command)).as(type.name()).isSameAs(command);
		}
		RedisCommand<String, String, String> queued = new TransactionalCommand<>(command(CommandType.SET));
		assertThat(intercept(interception, queued)).isSameAs(queued);
	}

	@Test
	void safeWritesFollowEveryWriteWithWaitButNoRead() {
		WriteInterception interception = interception(this.standaloneChannels, false, Duration.ZERO, 2);
		Object write = intercept(interception, command(CommandType.SET));
		assertThat(write).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(2);
		assertThat(((List<?>) write).get(0)).isInstanceOf(InterceptedCommand.class);
		assertThat(((List<?>) write).get(1)).isInstanceOf(ReplicaWait.class);
		assertThat(intercept(interception, command(CommandType.GET))).isNotInstanceOf(List.class);
		Object exec = intercept(interception, command(CommandType.EXEC));
		assertThat(exec).as("EXEC is followed by WAIT")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(2);
	}

	@Test
	void aBatchIsTakenOverCommandByCommand() {
		WriteInterception interception = interception(this.standaloneChannels, false, Duration.ZERO, 1);
		RedisCommand<String, String, String> ping = command(CommandType.PING);
		Object out = intercept(interception, List.of(command(CommandType.SET), ping, command(CommandType.DEL)));
		assertThat(out).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(5)
			.element(2)
			.isSameAs(ping);
	}

	@Test
	void isActiveOnlyWithSomethingToDo() {
		assertThat(interception(this.standaloneChannels, true, Duration.ZERO, 0).isActive())
			.as("READONLY retries need Sentinel")
			.isFalse();
		assertThat(interception(this.sentinelChannels, true, Duration.ZERO, 0).isActive()).isTrue();
		assertThat(interception(this.standaloneChannels, false, BUDGET, 0).isActive()).isTrue();
		assertThat(interception(this.standaloneChannels, false, Duration.ZERO, 1).isActive()).isTrue();
		RedisCommand<String, String, String> write = command(CommandType.SET);
		assertThat(intercept(interception(this.standaloneChannels, true, Duration.ZERO, 0), write)).isSameAs(write);
	}

	@Test
	void aRejectedCommandIsSentAgainWithinTheBudget() {
		WriteInterception interception = interception(this.sentinelChannels, true, BUDGET, 0);
		assertThat(interception.withinBudget("LOADING", 0, 0)).isTrue();
		assertThat(interception.withinBudget("TRYAGAIN", 5, SECOND)).isTrue();
		assertThat(interception.withinBudget("CLUSTERDOWN", 5, 2 * SECOND)).isFalse();
		assertThat(interception.withinBudget("READONLY", 3, SECOND)).isTrue();
		assertThat(interception.withinBudget("READONLY", 3, 3 * SECOND)).isFalse();
	}

	@Test
	void readOnlyGetsItsOneRetryWithoutABudgetButOnlyWithSentinel() {
		WriteInterception noBudget = interception(this.sentinelChannels, true, Duration.ZERO, 0);
		assertThat(noBudget.withinBudget("READONLY", 0, 0)).isTrue();
		assertThat(noBudget.withinBudget("READONLY", 1, 0)).isFalse();
		assertThat(noBudget.withinBudget("LOADING", 0, 0)).isFalse();
		assertThat(interception(this.sentinelChannels, false, BUDGET, 0).withinBudget("READONLY", 0, 0))
			.as("turned off")
			.isFalse();
		assertThat(interception(this.standaloneChannels, true, BUDGET, 0).withinBudget("READONLY", 0, 0))
			.as("no other master without Sentinel")
			.isFalse();
	}

	private Object intercept(WriteInterception interception, Object msg) {
		return interception.intercept(msg, this.channel, this.role, this.writer.writer);
	}

	private static WriteInterception interception(ClientChannels channels, boolean readOnlyRetry, Duration budget,
			int safeWriteReplicas) {
		return new WriteInterception(channels, readOnlyRetry, budget, Duration.ofMillis(5), safeWriteReplicas,
				Duration.ofMillis(100));
	}

	private static RedisCommand<String, String, String> command(CommandType type) {
		return new Command<>(type, new StatusOutput<>(StringCodec.UTF8));
	}

	private static ClientChannels sentinelMode(ClientChannels channels) {
		channels.sentinelSide().follow(List.of(new RedisEndpoint("127.0.0.1", 26379)), (node) -> {
		});
		return channels;
	}

}
