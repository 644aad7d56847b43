package io.github.redisha;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.redisha.ConfigurationReference.Property;
import io.github.redisha.internal.Setting;

/**
 * Finds the {@code REDIS_*} variables and {@code redis.*} properties a page names and
 * tells those that are no redis-ha setting, so that a page cannot document a setting that
 * does not exist. A name ending in {@code _*} or {@code .*} stands for a group of
 * settings, and a group name ({@code redis.failover}) is fine on its own.
 *
 * @author redis-ha
 */
final class DocumentedSettings {

	/**
	 * {@code REDIS_*} and {@code redis.*} names that pages rightly use and that are no
	 * setting, with the reason. Keep it short: a wrong setting name must not hide here.
	 */
	static final Map<String, String> NOT_SETTINGS = Map.ofEntries(
			Map.entry("REDIS_IMAGE", "docker-compose.yml: the image of its Redis nodes"),
			Map.entry("REDIS_SENTINEL_PORT_NUMBER", "read from a Compose Sentinel container (Bitnami's name)"),
			Map.entry("REDIS_MASTER_SET", "read from a Compose Sentinel container (Bitnami's name)"),
			Map.entry("REDIS_MASTER_PASSWORD", "read from a Compose Sentinel container (Bitnami's name)"),
			Map.entry("REDIS_PORT_NUMBER", "read from a Compose cluster-node container (Bitnami's name)"),
			Map.entry("REDIS_SERVICE_HOST", "Kubernetes service link, documented as ignored"),
			Map.entry("REDIS_SERVICE_PORT", "Kubernetes service link, documented as ignored"),
			Map.entry("REDIS_PORT_6379_TCP_ADDR", "Kubernetes service link, documented as ignored"),
			Map.entry("REDIS_PORT_6379_TCP_*", "Kubernetes service links, documented as ignored"),
			Map.entry("REDIS_SENTINEL_PORT", "Kubernetes service link of a redis-sentinel Service, ignored"),
			Map.entry("REDIS_SENTINEL_SERVICE_HOST", "Kubernetes service link of a redis-sentinel Service, ignored"),
			Map.entry("REDIS_X", "placeholder in the message format of architecture.md"),
			Map.entry("redis.x", "placeholder in the message format of architecture.md"),
			Map.entry("redis.log", "a node's log file in the test kit's work directory"));

	/**
	 * Where redis-ha's meter names are declared: a meter is named like a property but is
	 * none.
	 */
	private static final List<String> METER_CLASSES = List.of("io.github.redisha.metrics.FailoverMeters",
			"io.github.redisha.cache.RedisCacheMeters", "io.github.redisha.health.ReplicaLagMeters",
			"io.github.redisha.routing.ZoneReadMeters");

	// not part of a longer name (spring.data.redis.timeout, conf/redis.conf,
	// SPRING_DATA_REDIS_HOST), nor a Java call (redis.opsForValue())
	private static final Pattern PROPERTY = Pattern
		.compile("(?<![\\w.\\-/])(redis\\.[a-z0-9.\\-]*[a-z0-9])(\\.\\*)?(?![\\w(])");

	private static final Pattern VARIABLE = Pattern.compile("(?<!\\w)(REDIS_[A-Z0-9_]*[A-Z0-9])(_\\*)?(?!\\w)");

	private final Set<String> names = new HashSet<>();

	private final Set<String> groups = new HashSet<>();

	private final Set<String> meters;

	DocumentedSettings(List<Property> properties) {
		for (Property property : properties) {
			Setting setting = Setting.of(property.name());
			this.names.add(setting.property());
			this.names.add(setting.variable());
			for (int dot = property.name().indexOf('.'); dot > 0; dot = property.name().indexOf('.', dot + 1)) {
				Setting group = Setting.of(property.name().substring(0, dot));
				this.groups.add(group.property());
				this.groups.add(group.variable());
			}
		}
		this.meters = meterNames();
	}

	/**
	 * The names the pages use that are no setting.
	 * @param root the repository
	 * @param pages Markdown files, or directories whose {@code *.md} files are read
	 * @return each unknown name with the page and line, e.g.
	 * {@code docs/failover.md:12: REDIS_FAILOVER_HOLD}
	 * @throws IOException if a page cannot be read
	 */
	List<String> unknownIn(Path root, String... pages) throws IOException {
		List<String> unknown = new ArrayList<>();
		for (Path page : markdown(root, pages)) {
			List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
			for (int i = 0; i < lines.size(); i++) {
				String where = root.relativize(page) + ":" + (i + 1) + ": ";
				check(PROPERTY.matcher(lines.get(i)), ".*", where, unknown);
				check(VARIABLE.matcher(lines.get(i)), "_*", where, unknown);
			}
		}
		return unknown;
	}

	private void check(Matcher matcher, String wildcard, String where, List<String> unknown) {
		while (matcher.find()) {
			String name = matcher.group(1);
			boolean group = matcher.group(2) != null;
			String written = group ? name + wildcard : name;
			boolean known = group ? this.groups.contains(name)
					: this.names.contains(name) || this.groups.contains(name) || this.meters.contains(name);
			if (!known && !NOT_SETTINGS.containsKey(written)) {
				unknown.add(where + written);
			}
		}
	}

	private static List<Path> markdown(Path root, String... pages) throws IOException {
		List<Path> files = new ArrayList<>();
		for (String page : pages) {
			Path path = root.resolve(page);
			if (Files.isDirectory(path)) {
				try (Stream<Path> listed = Files.list(path)) {
					listed.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(files::add);
				}
			}
			else {
				files.add(path);
			}
		}
		return files;
	}

	private static Set<String> meterNames() {
		Set<String> meters = new HashSet<>();
		for (String className : METER_CLASSES) {
			try {
				for (Field field : Class.forName(className).getDeclaredFields()) {
					if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
						field.setAccessible(true);
						String value = (String) field.get(null);
						if (value.startsWith("redis.")) {
							meters.add(value);
						}
					}
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read the meter names of " + className, ex);
			}
		}
		return meters;
	}

}
