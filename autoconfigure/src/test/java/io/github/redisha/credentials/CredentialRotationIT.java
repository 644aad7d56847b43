package io.github.redisha.credentials;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.connection.RedisHaCredentialsAutoConfiguration;
import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.routing.RedisHaRoutingAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.testsupport.NodeCommands;
import io.github.redisha.testsupport.SteadyWriter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A password rotation under load on a real Sentinel topology, the way it is done without
 * a gap: the application's ACL user {@code app} gets a second password on every data node
 * and every sentinel, the mounted secret is updated (a Kubernetes {@code ..data} symlink
 * swap), the old passwords are removed, and then the master is killed, so that every
 * connection to the new master — the application's and redis-ha's own — must use the new
 * password. The caller sees no error at all, and no node ever answered {@code WRONGPASS}.
 * The topology's own admin passwords (the {@code default} user, Sentinel's
 * {@code auth-pass}) stay as they are.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialRotationIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String ADMIN = "admin-secret-4711";

	private static final String SENTINEL_ADMIN = "sentinel-admin-secret-4712";

	private static final String OLD_DATA = "old-data-pw-1c9e";

	private static final String NEW_DATA = "new-data-pw-7b2a";

	private static final String OLD_SENTINEL = "old-sentinel-pw-5d0f";

	private static final String NEW_SENTINEL = "new-sentinel-pw-3e8c";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, RedisHaCredentialsAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class,
					RedisHaSentinelAutoConfiguration.class, RedisHaRoutingAutoConfiguration.class));

	@TempDir
	Path secretVolume;

	@ParameterizedTest(name = "read-from {0}")
	@ValueSource(strings = { "upstream", "replica-preferred" })
	void rotatesDataAndSentinelPasswordsUnderLoadThroughAFailoverWithoutAnError(String readFrom, CapturedOutput output)
			throws Exception {
		try (SentinelTopology topology = RedisTopologies.sentinel()
			.password(ADMIN)
			.sentinelPassword(SENTINEL_ADMIN)
			.start()) {
			AppUser dataUser = new AppUser(topology.dataNodes(), ADMIN);
			AppUser sentinelUser = new AppUser(topology.sentinels(), SENTINEL_ADMIN);
			dataUser.addPassword(OLD_DATA);
			sentinelUser.addPassword(OLD_SENTINEL);
			SecretDirectory secrets = new SecretDirectory(this.secretVolume,
					Map.of("password", OLD_DATA + "\n", "sentinel-password", OLD_SENTINEL + "\n"));
			this.contextRunner
				.withPropertyValues("redis.sentinel.enabled=true", "redis.sentinels=" + topology.sentinelAddresses(),
						"redis.master-name=" + topology.masterName(), "redis.username=app",
						"redis.password-file=" + secrets.file("password"), "redis.sentinel.username=app",
						"redis.sentinel.password-file=" + secrets.file("sentinel-password"),
						// replica reads: Lettuce's Master/Replica connections to every
						// node
						"redis.read-from=" + readFrom)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					RedisHaCredentials credentials = context.getBean(RedisHaCredentials.class);
					StringRedisTemplate template = new StringRedisTemplate(
							context.getBean(RedisConnectionFactory.class));
					SteadyWriter writer = new SteadyWriter(template, "rotation-" + System.nanoTime());
					try {
						await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
						dataUser.addPassword(NEW_DATA);
						sentinelUser.addPassword(NEW_SENTINEL);
						long authsBefore = dataUser.authCalls();
						secrets.update(Map.of("password", NEW_DATA + "\n", "sentinel-password", NEW_SENTINEL));
						await().atMost(TIMEOUT)
							.until(() -> NEW_DATA.equals(credentials.data().password())
									&& NEW_SENTINEL.equals(credentials.sentinel().password()));
						// the application's open connection re-authenticates with the new
						// password
						await().atMost(TIMEOUT).until(() -> dataUser.authCalls() > authsBefore);
						dataUser.removePassword(OLD_DATA);
						sentinelUser.removePassword(OLD_SENTINEL);
						long removed = System.nanoTime();
						await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(removed).size() >= 20);

						RedisNode oldMaster = topology.master();
						oldMaster.kill();
						RedisNode newMaster = topology.awaitFailover(oldMaster, TIMEOUT);
						FailoverHistory history = context.getBean(FailoverHistory.class);
						await().atMost(TIMEOUT)
							.untilAsserted(() -> assertThat(history.currentMaster()).contains(endpoint(newMaster)));
						long switched = System.nanoTime();
						await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(switched).size() >= 40);
						List<String> keys = writer.acknowledgedSentAfter(switched)
							.stream()
							.map(SteadyWriter.Write::key)
							.toList();
						long onNewMaster = NodeCommands.on(newMaster, ADMIN,
								(redis) -> keys.stream().filter((key) -> redis.exists(key) == 1).count());
						assertThat(onNewMaster).as("writes after the failover found on the new master")
							.isEqualTo(keys.size());
					}
					finally {
						writer.close();
					}
					assertThat(writer.failures()).as("errors seen by the application").isEmpty();
					assertThat(dataUser.wrongPasswordReplies()).as("WRONGPASS from the data nodes").isZero();
					assertThat(sentinelUser.wrongPasswordReplies()).as("WRONGPASS from the sentinels").isZero();
				});
		}
		assertThat(output).contains("data-node password changed").contains("sentinel password changed");
		for (String secret : List.of(ADMIN, SENTINEL_ADMIN, OLD_DATA, NEW_DATA, OLD_SENTINEL, NEW_SENTINEL)) {
			assertThat(output).doesNotContain(secret);
		}
	}

	private static RedisEndpoint endpoint(RedisNode node) {
		return new RedisEndpoint(node.host(), node.port());
	}

}
