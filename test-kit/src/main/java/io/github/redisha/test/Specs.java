package io.github.redisha.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validation helpers shared by the spec records.
 *
 * @author redis-ha
 */
final class Specs {

	/** A zone name that needs no quoting in a config line or an environment variable. */
	static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]+");

	private Specs() {
	}

	static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	static List<String> configLines(List<String> lines) {
		List<String> copy = List.copyOf(Objects.requireNonNull(lines, "extraServerConfig"));
		for (String line : copy) {
			if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
				throw new IllegalArgumentException("Config line must be a single line: " + line);
			}
		}
		return copy;
	}

	static void positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive but was " + duration);
		}
	}

	static void atLeast(int value, int min, String name) {
		if (value < min) {
			throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
		}
	}

}
