package io.github.redisha.test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A failed test gets the recent logs of its topology's nodes in the test output, taken
 * before any {@code @AfterEach} repairs the topology; a passing test gets nothing.
 */
class FailureLogsIT {

	private final Logger extensionLogger = (Logger) LoggerFactory.getLogger(RedisTopologyExtension.class);

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	@BeforeEach
	void captureExtensionLog() {
		this.logged.start();
		this.extensionLogger.addAppender(this.logged);
	}

	@AfterEach
	void releaseExtensionLog() {
		this.extensionLogger.detachAppender(this.logged);
	}

	@Test
	void aFailedTestLogsWhatItsServersLogged() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(OneFailingTest.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(1).failed(1));

		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("OneFailingTest failsAfterStoppingTheServer(")
				.contains("--- redis-server node-0@127.0.0.1:")
				.contains("Ready to accept connections")
				// the log of the stopped server, as it was before the @AfterEach
				// restarted it
				.contains("ready to exit, bye bye");
		});
	}

	@Test
	void aFailedClusterTestLogsWhatEveryNodeLogged() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(OneFailingClusterTest.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.failed(1));

		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("OneFailingClusterTest failsAfterKillingANode(")
				.contains("--- redis-server node-0@127.0.0.1:")
				.contains("--- redis-server node-2@127.0.0.1:")
				.contains("Cluster state changed: ok");
		});
	}

	@Test
	void recentLogOfARunningNodeIsItsLogFile() {
		try (StandaloneRedis redis = RedisTopologies.standalone().start()) {
			assertThat(redis.node().recentLog()).startsWith("Last lines of ")
				.contains("redis.log")
				.contains("Ready to accept connections");
		}
	}

	/**
	 * Run only through the engine test kit above: nested classes are not picked up by
	 * Failsafe on their own.
	 */
	@RedisStandalone
	static class OneFailingTest {

		@AfterEach
		void restart(StandaloneRedis redis) {
			redis.node().start();
		}

		@Test
		void passes(StandaloneRedis redis) {
			assertThat(redis.node().isRunning()).isTrue();
		}

		@Test
		void failsAfterStoppingTheServer(StandaloneRedis redis) {
			redis.node().stop();
			assertThat(redis.node().isRunning()).as("deliberately failing").isTrue();
		}

	}

	/** Run only through the engine test kit above. */
	@RedisClusterTopology(replicasPerPrimary = 0)
	static class OneFailingClusterTest {

		@Test
		void failsAfterKillingANode(ClusterTopology cluster) {
			cluster.nodes().get(2).kill();
			assertThat(cluster.nodes().get(2).isRunning()).as("deliberately failing").isTrue();
		}

	}

}
