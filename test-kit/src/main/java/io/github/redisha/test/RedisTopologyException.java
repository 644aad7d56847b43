package io.github.redisha.test;

/**
 * Thrown when a test topology cannot be started, does not reach an awaited state before
 * its deadline, or a fault operation fails. The message says what was still missing and,
 * for processes that died, contains the tail of their log.
 *
 * @author redis-ha
 */
public class RedisTopologyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message the message
	 */
	public RedisTopologyException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public RedisTopologyException(String message, Throwable cause) {
		super(message, cause);
	}

}
