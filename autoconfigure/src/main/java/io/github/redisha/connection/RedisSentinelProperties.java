package io.github.redisha.connection;

import org.jspecify.annotations.Nullable;

/**
 * Sentinel mode and the credentials of the sentinels themselves.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public class RedisSentinelProperties {

	/**
	 * Whether to connect through Redis Sentinel (redis.sentinels, redis.master-name)
	 * instead of to a single node. Not together with redis.cluster.enabled.
	 */
	private boolean enabled = false;

	/**
	 * ACL user of the sentinels. Unset: the default user.
	 */
	private @Nullable String username;

	/**
	 * Password of the sentinels (their requirepass), separate from the data-node
	 * password. Never logged or shown.
	 */
	private @Nullable String password;

	/**
	 * File holding the ACL user of the sentinels; re-read when it changes. Not together
	 * with redis.sentinel.username.
	 */
	private @Nullable String usernameFile;

	/**
	 * File holding the password of the sentinels; re-read when it changes. Not together
	 * with redis.sentinel.password.
	 */
	private @Nullable String passwordFile;

	public boolean isEnabled() {
		return this.enabled;
	}

	public @Nullable String getUsernameFile() {
		return this.usernameFile;
	}

	public void setUsernameFile(@Nullable String usernameFile) {
		this.usernameFile = usernameFile;
	}

	public @Nullable String getPasswordFile() {
		return this.passwordFile;
	}

	public void setPasswordFile(@Nullable String passwordFile) {
		this.passwordFile = passwordFile;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

}
