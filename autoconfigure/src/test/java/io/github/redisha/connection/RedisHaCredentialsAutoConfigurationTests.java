package io.github.redisha.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.redisha.credentials.CredentialsWatch;
import io.github.redisha.credentials.RedisHaCredentials;
import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RedisHaCredentialsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
				RedisHaCredentialsAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@TempDir
	Path dir;

	@Test
	void aPasswordFileGivesBootsClientTheRotatingCredentialsAndReauthentication() throws IOException {
		Path file = Files.writeString(this.dir.resolve("password"), "pw-one\n");
		this.contextRunner.withPropertyValues("redis.password-file=" + file, "redis.username=app").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(CredentialsWatch.class);
			RedisHaCredentials credentials = context.getBean(RedisHaCredentials.class);
			DataRedisConnectionDetails details = context.getBean(DataRedisConnectionDetails.class);
			assertThat(details.getPassword()).isEqualTo("pw-one");
			LettuceClientConfiguration client = context.getBean(LettuceConnectionFactory.class)
				.getClientConfiguration();
			RedisCredentialsProviderFactory factory = client.getRedisCredentialsProviderFactory().orElseThrow();
			assertThat(factory.createCredentialsProvider(new RedisConfiguration() {
			})).isSameAs(credentials.data());
			assertThat(factory.createSentinelCredentialsProvider(new RedisSentinelConfiguration()))
				.isSameAs(credentials.sentinel());
			assertThat(client.getClientOptions().orElseThrow().getReauthenticateBehaviour())
				.isEqualTo(ClientOptions.ReauthenticateBehavior.ON_NEW_CREDENTIALS);
			Files.writeString(file, "pw-two");
			assertThat(credentials.refresh()).isTrue();
			assertThat(details.getPassword()).as("what redis-ha's own connections use").isEqualTo("pw-two");
		});
	}

	@Test
	void aSentinelPasswordFileAloneRotatesTheSentinelCredentials() throws IOException {
		Path file = Files.writeString(this.dir.resolve("sentinel-password"), "spw");
		this.contextRunner
			.withPropertyValues("redis.sentinel.enabled=true", "redis.sentinels=localhost:26379",
					"redis.password=data-pw", "redis.sentinel.password-file=" + file)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CredentialsWatch.class);
				DataRedisConnectionDetails details = context.getBean(DataRedisConnectionDetails.class);
				assertThat(details.getSentinel().getPassword()).isEqualTo("spw");
				assertThat(details.getPassword()).isEqualTo("data-pw");
				assertThat(context.getBean(RedisHaCredentials.class).data().supportsStreaming()).isFalse();
			});
	}

	@Test
	void withoutFilesBootsClientIsLeftAlone() {
		this.contextRunner.withPropertyValues("redis.password=pw").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CredentialsWatch.class);
			LettuceClientConfiguration client = context.getBean(LettuceConnectionFactory.class)
				.getClientConfiguration();
			assertThat(client.getRedisCredentialsProviderFactory()).isEmpty();
		});
	}

	@Test
	void aValueAndAFileForOneSecretFailTheStart() throws IOException {
		Path file = Files.writeString(this.dir.resolve("password"), "pw");
		this.contextRunner.withPropertyValues("redis.password=pw", "redis.password-file=" + file)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Both REDIS_PASSWORD (redis.password) and REDIS_PASSWORD_FILE"));
	}

	@Test
	void aMissingFileFailsTheStartNamingTheVariable() {
		Path missing = this.dir.resolve("absent");
		this.contextRunner.withPropertyValues("redis.password-file=" + missing)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("REDIS_PASSWORD_FILE (redis.password-file) names the file " + missing
						+ ", which does not exist."));
	}

}
