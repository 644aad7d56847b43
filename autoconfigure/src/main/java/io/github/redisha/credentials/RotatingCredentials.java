package io.github.redisha.credentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The credentials of one kind of node (the data nodes, or the sentinels): a user name and
 * a password, each given as a value or as a file that is re-read on {@link #refresh()}.
 * Lettuce asks {@link #resolveCredentials()} on every connect and reconnect, and, with
 * {@code ReauthenticateBehavior.ON_NEW_CREDENTIALS}, sends {@code AUTH} on every live
 * connection for each value {@link #credentials()} emits: only changes, so a new
 * connection does not authenticate twice.
 *
 * <p>
 * A file that becomes unreadable or empty keeps the last good value (a secret volume is
 * briefly empty while Kubernetes swaps it) and is reported once, by path, until it reads
 * again. Nothing here ever logs or prints a secret.
 *
 * @author redis-ha
 */
public final class RotatingCredentials implements RedisCredentialsProvider {

	private static final Log logger = LogFactory.getLog(RotatingCredentials.class);

	private final String kind;

	private final Secret username;

	private final Secret password;

	private final Sinks.Many<RedisCredentials> changes = Sinks.many().multicast().directBestEffort();

	// the watch thread refreshes; a lock, not a monitor (virtual threads)
	private final Lock refreshLock = new ReentrantLock();

	private volatile RedisCredentials current;

	/**
	 * Read the credentials for the first time.
	 * @param kind what they are for, in log lines, e.g. {@code data-node}
	 * @param username the user name as a value, or null
	 * @param usernameFile the file holding the user name, or null
	 * @param password the password as a value, or null
	 * @param passwordFile the file holding the password, or null
	 * @throws io.github.redisha.RedisHaConfigurationException naming the setting and the
	 * path when a file is missing, unreadable or empty
	 */
	public RotatingCredentials(String kind, @Nullable String username, @Nullable SecretFile usernameFile,
			@Nullable String password, @Nullable SecretFile passwordFile) {
		this.kind = kind;
		this.username = new Secret(username, usernameFile);
		this.password = new Secret(password, passwordFile);
		this.current = RedisCredentials.just(this.username.value, this.password.value);
	}

	/**
	 * Credentials that never change.
	 * @param username the user name, or null for the default user
	 * @param password the password, or null for none
	 * @return the credentials
	 */
	static RotatingCredentials fixed(@Nullable String username, @Nullable String password) {
		return new RotatingCredentials("fixed", username, null, password, null);
	}

	/**
	 * The user name now.
	 * @return the user name, or null for the default user
	 */
	public @Nullable String username() {
		return this.current.getUsername();
	}

	/**
	 * The password now.
	 * @return the password, or null for none
	 */
	public @Nullable String password() {
		char[] password = this.current.getPassword();
		return (password != null) ? new String(password) : null;
	}

	/**
	 * Whether any part comes from a file.
	 * @return whether {@link #refresh()} can change anything
	 */
	public boolean isFromFiles() {
		return !files().isEmpty();
	}

	/**
	 * The files to watch.
	 * @return their paths
	 */
	List<Path> files() {
		List<Path> files = new ArrayList<>();
		for (Secret secret : List.of(this.username, this.password)) {
			if (secret.file != null) {
				files.add(secret.file.path());
			}
		}
		return files;
	}

	/**
	 * Re-read the files; on a change, new connections use the new credentials and
	 * {@link #credentials()} emits them.
	 * @return whether they changed
	 */
	public boolean refresh() {
		RedisCredentials renewed;
		boolean usernameChanged;
		boolean passwordChanged;
		this.refreshLock.lock();
		try {
			usernameChanged = this.username.reread();
			passwordChanged = this.password.reread();
			if (!usernameChanged && !passwordChanged) {
				return false;
			}
			renewed = RedisCredentials.just(this.username.value, this.password.value);
			this.current = renewed;
		}
		finally {
			this.refreshLock.unlock();
		}
		logger.info("redis-ha: the " + this.kind + " " + (usernameChanged ? "user name" : "")
				+ ((usernameChanged && passwordChanged) ? " and " : "") + (passwordChanged ? "password" : "")
				+ " changed (" + describeFiles() + "); new connections use the new value, "
				+ "open connections re-authenticate");
		this.changes.tryEmitNext(renewed);
		return true;
	}

	private String describeFiles() {
		return String.join(", ",
				List.of(this.username, this.password)
					.stream()
					.filter((secret) -> secret.file != null)
					.map((secret) -> String.valueOf(secret.file))
					.toList());
	}

	@Override
	public Mono<RedisCredentials> resolveCredentials() {
		return Mono.fromSupplier(() -> this.current);
	}

	@Override
	public boolean supportsStreaming() {
		return isFromFiles();
	}

	@Override
	public Flux<RedisCredentials> credentials() {
		return this.changes.asFlux();
	}

	@Override
	public String toString() {
		return "RotatingCredentials[" + this.kind + ", " + describeFiles() + "]";
	}

	/**
	 * One part: a fixed value, or a file and its last good content.
	 */
	private final class Secret {

		private final @Nullable SecretFile file;

		private @Nullable String value;

		private boolean failing;

		Secret(@Nullable String value, @Nullable SecretFile file) {
			this.file = file;
			this.value = (file != null) ? file.read() : value;
		}

		// under the refresh lock
		boolean reread() {
			if (this.file == null) {
				return false;
			}
			String read;
			try {
				read = this.file.read();
			}
			catch (RuntimeException ex) {
				if (!this.failing) {
					this.failing = true;
					logger.warn("redis-ha: keeping the last good " + RotatingCredentials.this.kind + " credentials: "
							+ ex.getMessage());
				}
				return false;
			}
			if (this.failing) {
				this.failing = false;
				logger.info("redis-ha: " + this.file + " reads again");
			}
			boolean changed = !Objects.equals(read, this.value);
			this.value = read;
			return changed;
		}

	}

}
