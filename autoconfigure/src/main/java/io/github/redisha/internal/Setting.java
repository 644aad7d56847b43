package io.github.redisha.internal;

import java.time.Duration;
import java.util.Locale;

import io.github.redisha.RedisHaConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One redis-ha setting, named the way users set it: by its environment variable and its
 * property, e.g.
 * {@code REDIS_FAILOVER_SAFE_WRITE_REPLICAS (redis.failover.safe-write.replicas)}. The
 * variable is derived from the property by Spring Boot's relaxed-binding rule for
 * environment variables (dots and dashes become underscores, upper case), so the two can
 * never disagree. Also the one way a setting's value is rejected:
 * {@code <SETTING> is <value> but <rule>.} plus what to do.
 *
 * @author redis-ha
 */
public final class Setting {

	private final String property;

	private final String variable;

	private Setting(String property) {
		this.property = property;
		this.variable = property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * Name a setting by its canonical property name.
	 * @param property the property, lower case and dashed, e.g. {@code redis.read-from}
	 * @return the setting
	 */
	public static Setting of(String property) {
		Assert.isTrue(property.equals(property.toLowerCase(Locale.ROOT)) && !property.contains("_"),
				() -> "'" + property + "' is not a canonical property name");
		return new Setting(property);
	}

	/**
	 * Return the property name, e.g. {@code redis.read-from}.
	 * @return the property name
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Return the environment variable, e.g. {@code REDIS_READ_FROM}.
	 * @return the environment variable
	 */
	public String variable() {
		return this.variable;
	}

	/**
	 * Rejects a value with a message of the form {@code <SETTING> is <value> but <rule>}.
	 * @param value the value as bound; never a secret
	 * @param rule what the value breaks, e.g. {@code must be positive}
	 * @param action what the user should do
	 * @return the exception to throw
	 */
	public RedisHaConfigurationException reject(@Nullable Object value, String rule, String action) {
		return new RedisHaConfigurationException(this + " is " + render(value) + " but " + rule + ".", action);
	}

	/**
	 * Require a duration above zero.
	 * @param value the value as bound
	 * @param action what the user should do
	 * @throws RedisHaConfigurationException if the value is zero or negative
	 */
	public void requirePositive(Duration value, String action) {
		if (value.isZero() || value.isNegative()) {
			throw reject(value, "must be positive", action);
		}
	}

	/**
	 * Require a duration of zero or more.
	 * @param value the value as bound
	 * @param action what the user should do
	 * @throws RedisHaConfigurationException if the value is negative
	 */
	public void requireNotNegative(Duration value, String action) {
		if (value.isNegative()) {
			throw reject(value, "must not be negative", action);
		}
	}

	/**
	 * Render a value the way {@link #reject} shows it: durations in milliseconds, text
	 * quoted.
	 * @param value the value
	 * @return the rendered value
	 */
	public static String render(@Nullable Object value) {
		if (value instanceof Duration duration) {
			return duration.toMillis() + "ms";
		}
		if (value instanceof CharSequence text) {
			return "'" + text + "'";
		}
		return String.valueOf(value);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof Setting setting) && this.property.equals(setting.property);
	}

	@Override
	public int hashCode() {
		return this.property.hashCode();
	}

	@Override
	public String toString() {
		return this.variable + " (" + this.property + ")";
	}

}
