package io.github.redisha;

/**
 * Thrown at startup when a {@code redis.*} / {@code REDIS_*} setting is invalid. Turned
 * into a Spring Boot failure analysis that names the setting and what to do.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public class RedisHaConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * Create a new instance.
	 * @param description what is wrong, naming the environment variable and property;
	 * never a secret
	 * @param action what the user should do about it
	 */
	public RedisHaConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Create a new instance with the failure that caused it.
	 * @param description what is wrong; never a secret
	 * @param action what the user should do about it
	 * @param cause the underlying failure (must not carry a secret in its message)
	 */
	public RedisHaConfigurationException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	/**
	 * Return what the user should do.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
