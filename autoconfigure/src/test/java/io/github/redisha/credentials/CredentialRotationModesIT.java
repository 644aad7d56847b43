package io.github.redisha.credentials;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.connection.RedisHaCredentialsAutoConfiguration;
import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisTopologies;
import io.github.redisha.test.StandaloneRedis;
import io.github.redisha.testsupport.SteadyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
 * The same rotation as {@link CredentialRotationIT} on a standalone server and on a
 * cluster, under load: new password added, secret updated, old password removed, then
 * every connection of the user killed, so that every reconnect must use the new password.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialRotationModesIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(45);

	private static final String ADMIN = "admin-secret-9a41";

	private static final String OLD = "old-pw-2f6d";

	private static final String NEW = "new-pw-8c13";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				RedisHaCredentialsAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@TempDir
	Path secretVolume;

	@Test
	void standalone(CapturedOutput output) throws Exception {
		try (StandaloneRedis redis = RedisTopologies.standalone().password(ADMIN).start()) {
			AppUser user = new AppUser(List.of(redis.node()), ADMIN);
			rotate(user, "redis.host=" + redis.node().host(), "redis.port=" + redis.node().port());
		}
		assertNoSecretIn(output);
	}

	@Test
	void cluster(CapturedOutput output) throws Exception {
		try (ClusterTopology cluster = RedisTopologies.cluster().password(ADMIN).start()) {
			AppUser user = new AppUser(cluster.nodes(), ADMIN);
			rotate(user, "redis.cluster.enabled=true", "redis.cluster.nodes=" + cluster.seedAddresses());
		}
		assertNoSecretIn(output);
	}

	private void rotate(AppUser user, String... connection) throws Exception {
		user.addPassword(OLD);
		SecretDirectory secrets = new SecretDirectory(this.secretVolume, Map.of("password", OLD + "\n"));
		this.contextRunner.withPropertyValues(connection)
			.withPropertyValues("redis.username=" + AppUser.NAME, "redis.password-file=" + secrets.file("password"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisHaCredentials credentials = context.getBean(RedisHaCredentials.class);
				SteadyWriter writer = new SteadyWriter(
						new StringRedisTemplate(context.getBean(RedisConnectionFactory.class)),
						"rotation-" + System.nanoTime());
				try {
					await().atMost(TIMEOUT).until(() -> writer.acknowledged().size() >= 20);
					user.addPassword(NEW);
					long authsBefore = user.authCalls();
					secrets.update(Map.of("password", NEW + "\n"));
					await().atMost(TIMEOUT).until(() -> NEW.equals(credentials.data().password()));
					await().atMost(TIMEOUT).until(() -> user.authCalls() > authsBefore);
					user.removePassword(OLD);
					user.disconnect();
					long disconnected = System.nanoTime();
					await().atMost(TIMEOUT).until(() -> writer.acknowledgedSentAfter(disconnected).size() >= 40);
				}
				finally {
					writer.close();
				}
				assertThat(writer.failures()).as("errors seen by the application").isEmpty();
				assertThat(user.wrongPasswordReplies()).as("WRONGPASS from the nodes").isZero();
			});
	}

	private static void assertNoSecretIn(CapturedOutput output) {
		assertThat(output).contains("data-node password changed");
		for (String secret : List.of(ADMIN, OLD, NEW)) {
			assertThat(output).doesNotContain(secret);
		}
	}

}
