package io.github.redisha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md is the map of the packages: every class it names in backticks
 * ({@code `ClientChannels`}, {@code `SentinelChannels.holdWrites`}) must exist, so that
 * the map cannot drift from the code again. A name of redis-ha's is found as a source
 * file or a nested type of {@code autoconfigure}; the few library classes the page names
 * are listed here and loaded.
 */
class ArchitectureDocTests {

	private static final Path MODULE = Path.of("").toAbsolutePath();

	/** Library classes the page names, each with where it lives. */
	private static final Map<String, String> LIBRARY = Map.of("ClientResources",
			"io.lettuce.core.resource.ClientResources", "ClusterClientOptions",
			"io.lettuce.core.cluster.ClusterClientOptions", "RedisClusterClient",
			"io.lettuce.core.cluster.RedisClusterClient", "DataRedisConnectionDetails",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails", "RedisCredentialsProvider",
			"io.lettuce.core.RedisCredentialsProvider", "ClusterPartitionParser",
			"io.lettuce.core.cluster.models.partitions.ClusterPartitionParser");

	private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");

	/**
	 * UpperCamel with at least two humps, not after a dot (a nested or qualified part).
	 */
	private static final Pattern CLASS_NAME = Pattern
		.compile("(?<![\\w.*])([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)(?![\\w*])");

	private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Z]\\w*)");

	@Test
	void everyClassTheMapNamesExists() throws IOException {
		Set<String> named = namedClasses(Files.readString(MODULE.resolve("../docs/architecture.md")));
		assertThat(named).as("class names found in docs/architecture.md").hasSizeGreaterThan(50);
		Set<String> known = declaredTypes();
		Set<String> missing = new TreeSet<>();
		for (String name : named) {
			if (!known.contains(name) && !loads(LIBRARY.get(name))) {
				missing.add(name);
			}
		}
		assertThat(missing).as("classes docs/architecture.md names that do not exist").isEmpty();
	}

	@Test
	void aNameThatDoesNotExistIsFound() throws IOException {
		Set<String> named = namedClasses("the `RoleProbe` asks, `ClientChannels.masterSwitched(old, new)` switches");
		assertThat(named).containsExactlyInAnyOrder("RoleProbe", "ClientChannels");
		assertThat(declaredTypes()).doesNotContain("RoleProbe").contains("ClientChannels");
	}

	private static Set<String> namedClasses(String markdown) {
		Set<String> names = new TreeSet<>();
		Matcher code = CODE.matcher(markdown);
		while (code.find()) {
			Matcher name = CLASS_NAME.matcher(code.group(1));
			while (name.find()) {
				names.add(name.group(1));
			}
		}
		return names;
	}

	private static Set<String> declaredTypes() throws IOException {
		Set<String> types = new TreeSet<>();
		try (Stream<Path> files = Files.walk(MODULE.resolve("src"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String fileName = file.getFileName().toString();
				types.add(fileName.substring(0, fileName.length() - ".java".length()));
				Matcher declaration = DECLARATION.matcher(Files.readString(file));
				while (declaration.find()) {
					types.add(declaration.group(1));
				}
			}
		}
		return types;
	}

	private static boolean loads(String className) {
		if (className == null) {
			return false;
		}
		try {
			Class.forName(className, false, ArchitectureDocTests.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
