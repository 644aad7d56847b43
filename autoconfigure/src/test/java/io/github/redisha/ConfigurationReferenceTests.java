package io.github.redisha;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.redisha.ConfigurationReference.Property;
import io.github.redisha.cache.RedisHaCacheProperties;
import io.github.redisha.connection.RedisHaProperties;
import io.github.redisha.failover.RedisFailoverProperties;
import io.github.redisha.health.RedisHaHealthProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.TypeDescriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docs/reference.md} is generated from the configuration metadata and must be what
 * the build generates today; the metadata carries every default the code has; and no page
 * names a {@code REDIS_*} variable or {@code redis.*} property that does not exist.
 */
class ConfigurationReferenceTests {

	private static final Path REPO = Path.of(System.getProperty("redisha.repo-root", ".."));

	private static final Path REFERENCE = REPO.resolve("docs/reference.md");

	/**
	 * The {@code @ConfigurationProperties} classes by prefix: a fresh instance holds the
	 * defaults of the code.
	 */
	private static final Map<String, Class<?>> ROOTS = Map.of("redis", RedisHaProperties.class, "redis.failover",
			RedisFailoverProperties.class, "redis.cache", RedisHaCacheProperties.class, "redis.health",
			RedisHaHealthProperties.class);

	@Test
	void referenceIsGeneratedFromTheMetadata() throws IOException {
		String generated = ConfigurationReference.load().render();
		if (Boolean.getBoolean("redisha.reference.write")) {
			Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
			return;
		}
		String committed = Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";
		if (!committed.equals(generated)) {
			fail("%s is not what the configuration metadata generates (%s).%nRegenerate it with%n  %s%n"
					+ "(after a change to additional-spring-configuration-metadata.json alone, add 'clean': the "
					+ "metadata is written when the properties classes compile)", REFERENCE,
					firstDifference(committed, generated), ConfigurationReference.REGENERATE);
		}
	}

	@Test
	void everyDefaultOfTheCodeIsInTheMetadata() throws Exception {
		for (Property property : ConfigurationReference.load().properties()) {
			String root = ROOTS.keySet()
				.stream()
				.filter((prefix) -> property.name().startsWith(prefix + "."))
				.max((a, b) -> Integer.compare(a.length(), b.length()))
				.orElseThrow();
			BeanWrapper code = PropertyAccessorFactory
				.forBeanPropertyAccess(ROOTS.get(root).getDeclaredConstructor().newInstance());
			String path = beanPath(property.name().substring(root.length() + 1));
			Object codeDefault = code.getPropertyValue(path);
			if (codeDefault == null || (codeDefault instanceof List<?> list && list.isEmpty())) {
				continue;
			}
			assertThat(property.defaultValue())
				.as("default of %s in the metadata (the code has %s)", property.name(), codeDefault)
				.isNotNull();
			Object documented = ApplicationConversionService.getSharedInstance()
				.convert(property.defaultValue(), TypeDescriptor.valueOf(String.class),
						code.getPropertyTypeDescriptor(path));
			assertThat(documented).as("default of %s: metadata says %s", property.name(), property.defaultValue())
				.isEqualTo(codeDefault);
		}
	}

	@Test
	void noSecretHasADefault() throws IOException {
		assertThat(ConfigurationReference.load().properties())
			.filteredOn((property) -> property.name().endsWith("password"))
			.isNotEmpty()
			.allSatisfy((property) -> assertThat(property.defaultValue()).as(property.name()).isNull());
	}

	@Test
	void pagesNameOnlySettingsThatExist() throws IOException {
		List<String> unknown = new DocumentedSettings(ConfigurationReference.load().properties()).unknownIn(REPO,
				"README.md", "docs", "test-kit/README.md");
		if (!unknown.isEmpty()) {
			fail("These pages name settings that are not in the configuration metadata (fix the page, or, for a "
					+ "variable that is not a redis-ha setting, list it with its reason in "
					+ "DocumentedSettings.NOT_SETTINGS):%n  %s", String.join("\n  ", unknown));
		}
	}

	/**
	 * A property name below its root in bean-path form: {@code safe-write.replicas}
	 * becomes {@code safeWrite.replicas}.
	 */
	private static String beanPath(String dashed) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : dashed.toCharArray()) {
			if (c == '-') {
				upper = true;
				continue;
			}
			path.append(upper ? Character.toUpperCase(c) : c);
			upper = false;
		}
		return path.toString();
	}

	private static String firstDifference(String committed, String generated) {
		List<String> was = committed.lines().toList();
		List<String> is = generated.lines().toList();
		for (int i = 0; i < Math.max(was.size(), is.size()); i++) {
			String line = (i < was.size()) ? was.get(i) : "<end of file>";
			String expected = (i < is.size()) ? is.get(i) : "<end of file>";
			if (!line.equals(expected)) {
				return String.format("line %d is%n  %s%nbut the metadata makes it%n  %s", i + 1, line, expected);
			}
		}
		return "they differ in line endings";
	}

}
