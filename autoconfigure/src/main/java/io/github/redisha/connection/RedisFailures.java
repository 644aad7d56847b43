package io.github.redisha.connection;

import io.lettuce.core.RedisCommandExecutionException;

/**
 * Classifies failures reported by Lettuce. One place for the Redis error vocabulary, so
 * the startup check, retries and health agree on what a failure means.
 *
 * @author redis-ha
 */
public final class RedisFailures {

	private RedisFailures() {
	}

	/**
	 * Whether the failure, or one of its causes, is Redis rejecting the credentials
	 * ({@code WRONGPASS}, {@code NOAUTH}, or an {@code AUTH} error).
	 * @param failure the failure
	 * @return whether it is an authentication failure
	 */
	public static boolean isAuthFailure(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = current.getMessage();
			if (message != null && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
					|| message.contains("invalid password") || message.contains("invalid username-password")
					|| (current instanceof RedisCommandExecutionException && message.startsWith("ERR AUTH")))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the failure, or one of its causes, is a Redis error reply starting with the
	 * given code, e.g. {@code READONLY} or {@code LOADING}.
	 * @param failure the failure
	 * @param code the error code
	 * @return whether a reply with that code is in the chain
	 */
	public static boolean hasErrorCode(Throwable failure, String code) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = current.getMessage();
			if (current instanceof RedisCommandExecutionException && message != null && message.startsWith(code)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Describe a failure by its innermost message, for log lines and error messages.
	 * Redis error replies and Lettuce connection errors never carry the password.
	 * @param failure the failure
	 * @return a one-line description
	 */
	public static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message != null) ? message : root.getClass().getSimpleName();
	}

}
