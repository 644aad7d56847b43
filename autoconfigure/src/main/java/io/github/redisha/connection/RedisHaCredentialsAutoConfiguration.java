package io.github.redisha.connection;

import io.github.redisha.credentials.CredentialsWatch;
import io.github.redisha.credentials.RedisHaCredentials;
import io.github.redisha.credentials.RotatingCredentialsProviderFactory;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.protocol.ProtocolVersion;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Rotating credentials: when a credential comes from a file ({@code REDIS_PASSWORD_FILE}
 * and the like), Boot's Lettuce client gets redis-ha's credentials provider, re-reads
 * them on every connect and re-authenticates live connections when a file changes; a
 * {@link CredentialsWatch} re-reads the files. redis-ha's own connections read the same
 * credentials through the connection details.
 *
 * @author redis-ha
 */
@AutoConfiguration(after = RedisHaConnectionAutoConfiguration.class)
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
@ConditionalOnBean(RedisHaCredentials.class)
@Conditional(RedisHaCredentialsAutoConfiguration.OnCredentialFiles.class)
public final class RedisHaCredentialsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(RedisHaCredentialsAutoConfiguration.class);

	@Bean
	LettuceClientConfigurationBuilderCustomizer redisHaCredentialsProviderCustomizer(RedisHaCredentials credentials) {
		return (builder) -> builder
			.redisCredentialsProviderFactory(new RotatingCredentialsProviderFactory(credentials));
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	LettuceClientOptionsBuilderCustomizer redisHaReauthenticationCustomizer() {
		// last, to see a protocol another customizer chose
		return (builder) -> {
			if (builder.build().getConfiguredProtocolVersion() == ProtocolVersion.RESP2) {
				// Lettuce refuses Pub/Sub connections that re-authenticate over RESP2
				logger.warn("redis-ha: the Lettuce client speaks RESP2, so open connections are not "
						+ "re-authenticated when a credential file changes; new connections and reconnects use "
						+ "the new credentials");
				return;
			}
			builder.reauthenticateBehavior(ClientOptions.ReauthenticateBehavior.ON_NEW_CREDENTIALS);
		};
	}

	@Bean
	CredentialsWatch redisHaCredentialsWatch(RedisHaCredentials credentials, RedisHaProperties properties) {
		return new CredentialsWatch(credentials, properties.getCredentials().getRefreshInterval());
	}

	static final class OnCredentialFiles extends AnyNestedCondition {

		OnCredentialFiles() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("redis.password-file")
		static final class PasswordFile {

		}

		@ConditionalOnProperty("redis.username-file")
		static final class UsernameFile {

		}

		@ConditionalOnProperty("redis.sentinel.password-file")
		static final class SentinelPasswordFile {

		}

		@ConditionalOnProperty("redis.sentinel.username-file")
		static final class SentinelUsernameFile {

		}

	}

}
