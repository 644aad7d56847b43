package io.github.redisha.connection;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.RedisFailures;
import org.jspecify.annotations.Nullable;

/**
 * How the startup checks of every mode word a failure for the user: the failure itself (a
 * TLS failure says so), what to add to "check host and port" when TLS may be what is
 * wrong, and a rejected data password.
 *
 * @author redis-ha
 */
final class StartupFailureText {

	private StartupFailureText() {
	}

	/**
	 * The failure as a user reads it: a TLS failure says so, since its own message rarely
	 * does.
	 * @param ex the failure
	 * @return the message to show
	 */
	static String explain(RuntimeException ex) {
		String description = RedisFailures.describe(ex);
		if (!RedisFailures.isTlsFailure(ex)) {
			return description;
		}
		// the JDK's PKIX wording ("unable to find valid certification path") hides the
		// usual cause
		return (description.contains("certification path")
				? "TLS handshake failed, the server's certificate is not trusted (" : "TLS handshake failed (")
				+ description + ")";
	}

	/**
	 * What to add to "check host and port" when TLS may be what is wrong.
	 * @param ex the failure, or {@code null}
	 * @param ssl whether TLS is on
	 * @return the advice, or an empty string
	 */
	static String tlsAdvice(@Nullable RuntimeException ex, boolean ssl) {
		if (ex == null) {
			return "";
		}
		if (RedisFailures.isTlsFailure(ex)) {
			return " If the server's certificate is self-signed or from your own CA, trust it with an SSL bundle: "
					+ "SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE=<ca.pem> and SPRING_DATA_REDIS_SSL_BUNDLE=redis "
					+ "(spring.data.redis.ssl.bundle). If that port does not speak TLS, turn TLS off (REDIS_SSL=false, "
					+ "no spring.data.redis.ssl.bundle).";
		}
		if (!ssl && RedisFailures.isConnectionDropped(ex)) {
			return " The connection was dropped before Redis answered: if that port speaks TLS, set REDIS_SSL=true.";
		}
		return "";
	}

	/**
	 * A data node rejected the data credentials.
	 * @param endpoint the node
	 * @param ex the rejection
	 * @param passwordSet whether {@code REDIS_PASSWORD} is set
	 * @return the exception to throw
	 */
	static RedisHaConfigurationException dataAuthFailure(RedisEndpoint endpoint, RuntimeException ex,
			boolean passwordSet) {
		return new RedisHaConfigurationException(
				"Redis at " + endpoint + " rejected "
						+ (passwordSet ? "the data credentials (REDIS_PASSWORD / redis.password)"
								: "the connection: it requires a password but REDIS_PASSWORD is not set")
						+ ": " + RedisFailures.describe(ex) + ".",
				"Set REDIS_PASSWORD (and REDIS_USERNAME for an ACL user) to the data nodes' 'requirepass'. "
						+ "In Sentinel mode the sentinels' own password goes in REDIS_SENTINEL_PASSWORD.");
	}

}
