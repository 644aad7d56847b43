package io.github.redisha.test.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.redisha.test.RedisTopologyException;

/**
 * Locates the {@code redis-server} and {@code redis-sentinel} binaries.
 *
 * <p>
 * Paths are never canonicalized: on Debian both names are symlinks to the same binary,
 * which picks its mode from the name it was started under.
 *
 * @author redis-ha
 */
final class Binaries {

	static final String SERVER_PROPERTY = "redisha.test.redis-server";

	static final String SENTINEL_PROPERTY = "redisha.test.redis-sentinel";

	private static final List<String> FALLBACK_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin",
			"/opt/homebrew/bin");

	private Binaries() {
	}

	static Path server() {
		return require(List.of(new Wanted("redis-server", SERVER_PROPERTY))).get(0);
	}

	/**
	 * Both binaries; one exception naming every missing binary.
	 * @return server at index 0, sentinel at index 1
	 */
	static List<Path> serverAndSentinel() {
		return require(
				List.of(new Wanted("redis-server", SERVER_PROPERTY), new Wanted("redis-sentinel", SENTINEL_PROPERTY)));
	}

	private static List<Path> require(List<Wanted> wanted) {
		List<Path> found = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (Wanted w : wanted) {
			String override = System.getProperty(w.property());
			if (override != null && !override.isBlank()) {
				Path path = Paths.get(override.trim());
				if (Files.isRegularFile(path) && Files.isExecutable(path)) {
					found.add(path);
				}
				else {
					problems.add("'" + w.name() + "' not found: system property " + w.property() + "=" + override
							+ " is not an executable file");
				}
				continue;
			}
			Path path = lookup(w.name());
			if (path != null) {
				found.add(path);
			}
			else {
				problems.add("'" + w.name() + "' not found on PATH nor in " + FALLBACK_DIRS);
			}
		}
		if (!problems.isEmpty()) {
			throw new RedisTopologyException(String.join("; ", problems)
					+ ". The redis-ha test kit starts real Redis processes and needs the binaries redis-server and"
					+ " redis-sentinel (Redis 6.2 or newer). Install them, e.g. on Debian/Ubuntu:"
					+ " apt-get install -y redis-server redis-sentinel" + " - or point the system properties "
					+ SERVER_PROPERTY + " / " + SENTINEL_PROPERTY + " at the binaries.");
		}
		return found;
	}

	private static Path lookup(String name) {
		Set<String> dirs = new LinkedHashSet<>();
		String pathEnv = System.getenv("PATH");
		if (pathEnv != null) {
			for (String dir : pathEnv.split(File.pathSeparator)) {
				if (!dir.isBlank()) {
					dirs.add(dir);
				}
			}
		}
		dirs.addAll(FALLBACK_DIRS);
		for (String dir : dirs) {
			Path candidate = Paths.get(dir, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private record Wanted(String name, String property) {
	}

}
