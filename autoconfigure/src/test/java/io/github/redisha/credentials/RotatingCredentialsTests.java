package io.github.redisha.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;
import io.lettuce.core.RedisCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading and re-reading credential files, the refresh driven by hand.
 */
@ExtendWith(OutputCaptureExtension.class)
class RotatingCredentialsTests {

	@TempDir
	Path dir;

	@Test
	void readsTheFileWithoutItsTrailingLineBreak() throws IOException {
		Files.writeString(this.dir.resolve("password"), "s3cret-one\n");
		RotatingCredentials credentials = dataCredentials("app", this.dir.resolve("password"));
		assertThat(credentials.username()).isEqualTo("app");
		assertThat(credentials.password()).isEqualTo("s3cret-one");
		assertThat(credentials.supportsStreaming()).isTrue();
		assertThat(credentials.resolveCredentials().block().getPassword()).isEqualTo("s3cret-one".toCharArray());
	}

	@Test
	void keepsInnerWhitespaceAndStripsOnlyLineBreaks() {
		assertThat(SecretFile.withoutTrailingLineBreak(" a b \r\n\n")).isEqualTo(" a b ");
		assertThat(SecretFile.withoutTrailingLineBreak("plain")).isEqualTo("plain");
	}

	@Test
	void picksUpAKubernetesSymlinkSwapAndEmitsTheNewCredentialsOnce() {
		SecretDirectory secrets = new SecretDirectory(this.dir, Map.of("password", "s3cret-one"));
		RotatingCredentials credentials = dataCredentials(null, secrets.file("password"));
		List<RedisCredentials> emitted = new CopyOnWriteArrayList<>();
		Disposable subscription = credentials.credentials().subscribe(emitted::add);
		try {
			assertThat(credentials.refresh()).isFalse();
			secrets.update(Map.of("password", "s3cret-two"));
			assertThat(credentials.refresh()).isTrue();
			assertThat(credentials.refresh()).isFalse();
		}
		finally {
			subscription.dispose();
		}
		assertThat(credentials.password()).isEqualTo("s3cret-two");
		assertThat(emitted).singleElement()
			.satisfies((renewed) -> assertThat(renewed.getPassword()).isEqualTo("s3cret-two".toCharArray()));
	}

	@Test
	void keepsTheLastGoodValueAndWarnsOnceWhenTheFileEmptiesOrDisappears(CapturedOutput output) throws IOException {
		Path file = this.dir.resolve("password");
		Files.writeString(file, "s3cret-one");
		RotatingCredentials credentials = dataCredentials(null, file);
		Files.writeString(file, "");
		assertThat(credentials.refresh()).isFalse();
		Files.delete(file);
		assertThat(credentials.refresh()).isFalse();
		assertThat(credentials.password()).isEqualTo("s3cret-one");
		assertThat(output.toString().split("keeping the last good", -1)).hasSize(2);
		assertThat(output).contains("REDIS_PASSWORD_FILE (redis.password-file) names the file " + file);
		Files.writeString(file, "s3cret-two\n");
		assertThat(credentials.refresh()).isTrue();
		assertThat(credentials.password()).isEqualTo("s3cret-two");
		assertThat(output).contains("reads again").doesNotContain("s3cret");
	}

	@Test
	void aMissingFileStopsTheStartNamingTheVariableAndThePath() {
		Path missing = this.dir.resolve("nope");
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(() -> dataCredentials(null, missing))
			.withMessage(
					"REDIS_PASSWORD_FILE (redis.password-file) names the file " + missing + ", which does not exist.");
	}

	@Test
	void anEmptyFileStopsTheStart() throws IOException {
		Path empty = Files.writeString(this.dir.resolve("password"), "\n");
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(() -> dataCredentials(null, empty))
			.withMessageEndingWith("which is empty.");
	}

	@Test
	void fixedCredentialsNeitherStreamNorChange() {
		RotatingCredentials fixed = RotatingCredentials.fixed("app", "pw");
		assertThat(fixed.supportsStreaming()).isFalse();
		assertThat(fixed.refresh()).isFalse();
		assertThat(fixed.password()).isEqualTo("pw");
	}

	private static RotatingCredentials dataCredentials(String username, Path passwordFile) {
		return new RotatingCredentials("data-node", username, null, null,
				new SecretFile(Setting.of("redis.password-file"), passwordFile));
	}

}
