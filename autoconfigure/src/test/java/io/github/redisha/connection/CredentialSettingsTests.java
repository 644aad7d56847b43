package io.github.redisha.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.credentials.RedisHaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which credentials the settings give, and the settings they refuse; no secret in a
 * message.
 */
class CredentialSettingsTests {

	@TempDir
	Path dir;

	@Test
	void aValueWithoutADirectoryIsNotShownAsItMayBeTheSecretItself() {
		RedisHaProperties properties = new RedisHaProperties();
		properties.getSentinel().setPasswordFile("hunter2");
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> CredentialSettings.read(properties))
			.withMessageStartingWith("REDIS_SENTINEL_PASSWORD_FILE (redis.sentinel.password-file) names a file "
					+ "without a directory part")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void aValueAndAFileForOneSecretStopTheStartNamingBoth() throws IOException {
		RedisHaProperties properties = new RedisHaProperties();
		properties.setPassword("s3cret-one");
		properties.setPasswordFile(Files.writeString(this.dir.resolve("password"), "x").toString());
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> CredentialSettings.read(properties))
			.withMessage("Both REDIS_PASSWORD (redis.password) and REDIS_PASSWORD_FILE (redis.password-file) are set; "
					+ "one secret has one source.")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void readsEachOfTheFourFilesIntoItsPlace() throws IOException {
		RedisHaProperties properties = new RedisHaProperties();
		properties.setUsernameFile(Files.writeString(this.dir.resolve("user"), "app\n").toString());
		properties.setPasswordFile(Files.writeString(this.dir.resolve("password"), "data-pw\n").toString());
		properties.getSentinel()
			.setUsernameFile(Files.writeString(this.dir.resolve("sentinel-user"), "watcher").toString());
		properties.getSentinel()
			.setPasswordFile(Files.writeString(this.dir.resolve("sentinel-password"), "sentinel-pw").toString());
		RedisHaCredentials credentials = CredentialSettings.read(properties);
		assertThat(credentials.data().username()).isEqualTo("app");
		assertThat(credentials.data().password()).isEqualTo("data-pw");
		assertThat(credentials.sentinel().username()).isEqualTo("watcher");
		assertThat(credentials.sentinel().password()).isEqualTo("sentinel-pw");
		assertThat(credentials.files()).hasSize(4);
		assertThat(credentials.toString()).doesNotContain("data-pw").doesNotContain("sentinel-pw");
	}

}
