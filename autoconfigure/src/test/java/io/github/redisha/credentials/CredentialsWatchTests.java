package io.github.redisha.credentials;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.redisha.internal.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch thread re-reads the files when their directory changes: the poll is an hour
 * away, so only the directory's events can have triggered the refresh.
 */
class CredentialsWatchTests {

	@TempDir
	Path dir;

	@Test
	void aKubernetesSecretUpdateReachesTheCredentialsThroughTheDirectoryWatch() {
		SecretDirectory secrets = new SecretDirectory(this.dir, Map.of("password", "pw-one"));
		RedisHaCredentials credentials = new RedisHaCredentials(
				new RotatingCredentials("data-node", null, null, null,
						new SecretFile(Setting.of("redis.password-file"), secrets.file("password"))),
				RotatingCredentials.fixed(null, null));
		CredentialsWatch watch = new CredentialsWatch(credentials, Duration.ofHours(1));
		watch.start();
		try {
			assertThat(watch.isRunning()).isTrue();
			secrets.update(Map.of("password", "pw-two"));
			await().atMost(Duration.ofSeconds(30)).until(() -> "pw-two".equals(credentials.data().password()));
		}
		finally {
			watch.stop();
		}
		assertThat(watch.isRunning()).isFalse();
	}

}
