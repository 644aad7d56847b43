package io.github.redisha.connection;

import java.nio.file.Path;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.credentials.RedisHaCredentials;
import io.github.redisha.credentials.RotatingCredentials;
import io.github.redisha.credentials.SecretFile;
import io.github.redisha.internal.Setting;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The credentials the settings give: each secret as a value ({@code REDIS_PASSWORD}) or
 * from a file ({@code REDIS_PASSWORD_FILE}), never both.
 *
 * @author redis-ha
 */
final class CredentialSettings {

	static final Setting USERNAME = Setting.of("redis.username");

	static final Setting PASSWORD = Setting.of("redis.password");

	static final Setting USERNAME_FILE = Setting.of("redis.username-file");

	static final Setting PASSWORD_FILE = Setting.of("redis.password-file");

	static final Setting SENTINEL_USERNAME = Setting.of("redis.sentinel.username");

	static final Setting SENTINEL_PASSWORD = Setting.of("redis.sentinel.password");

	static final Setting SENTINEL_USERNAME_FILE = Setting.of("redis.sentinel.username-file");

	static final Setting SENTINEL_PASSWORD_FILE = Setting.of("redis.sentinel.password-file");

	private CredentialSettings() {
	}

	/**
	 * Read the credentials as the settings give them.
	 * @param properties the bound settings
	 * @return the credentials, files read once
	 * @throws RedisHaConfigurationException when a secret is given both as a value and as
	 * a file, or a file is missing, unreadable or empty
	 */
	static RedisHaCredentials read(RedisHaProperties properties) {
		RedisSentinelProperties sentinel = properties.getSentinel();
		RotatingCredentials data = new RotatingCredentials("data-node",
				value(USERNAME, properties.getUsername(), USERNAME_FILE, properties.getUsernameFile()),
				file(USERNAME_FILE, properties.getUsernameFile()),
				value(PASSWORD, properties.getPassword(), PASSWORD_FILE, properties.getPasswordFile()),
				file(PASSWORD_FILE, properties.getPasswordFile()));
		RotatingCredentials sentinels = new RotatingCredentials("sentinel",
				value(SENTINEL_USERNAME, sentinel.getUsername(), SENTINEL_USERNAME_FILE, sentinel.getUsernameFile()),
				file(SENTINEL_USERNAME_FILE, sentinel.getUsernameFile()),
				value(SENTINEL_PASSWORD, sentinel.getPassword(), SENTINEL_PASSWORD_FILE, sentinel.getPasswordFile()),
				file(SENTINEL_PASSWORD_FILE, sentinel.getPasswordFile()));
		return new RedisHaCredentials(data, sentinels);
	}

	private static @Nullable String value(Setting setting, @Nullable String value, Setting fileSetting,
			@Nullable String file) {
		if (StringUtils.hasLength(value) && StringUtils.hasText(file)) {
			boolean inUrl = setting.equals(PASSWORD) || setting.equals(USERNAME);
			throw new RedisHaConfigurationException(
					"Both " + setting + " and " + fileSetting + " are set; one secret has one source.",
					"Remove " + setting.variable() + (inUrl ? " (or the credentials in REDIS_URL)" : "")
							+ " to read the secret from the file, or " + fileSetting.variable() + " to use the value.");
		}
		return StringUtils.hasLength(value) ? value : null;
	}

	private static @Nullable SecretFile file(Setting setting, @Nullable String file) {
		return StringUtils.hasText(file) ? new SecretFile(setting, Path.of(file.trim())) : null;
	}

}
