package io.github.redisha;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.github.redisha.internal.Setting;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user reference of every redis-ha setting, {@code docs/reference.md}, rendered from
 * the configuration metadata that spring-boot-configuration-processor writes from the
 * {@code @ConfigurationProperties} classes and
 * {@code additional-spring-configuration-metadata.json}, the way Spring Boot renders its
 * own appendix: the metadata is the one source, this only lays it out.
 *
 * @author redis-ha
 */
final class ConfigurationReference {

	static final String METADATA = "META-INF/spring-configuration-metadata.json";

	static final String REGENERATE = "./mvnw -pl autoconfigure -am test -Dtest=ConfigurationReferenceTests "
			+ "-Dredisha.reference.write=true";

	/**
	 * The sections, in order: anchor, heading and the prefix of their properties. The
	 * anchors are linked from the feature pages; the connection section takes every
	 * {@code redis.*} property no other section takes.
	 */
	private static final List<Section> SECTIONS = List.of(new Section("connection", "Connection (redis.*)", "redis."),
			new Section("failover", "Failover (redis.failover.*)", "redis.failover."),
			new Section("cache", "Cache (redis.cache.*)", "redis.cache."),
			new Section("health", "Health (redis.health.*)", "redis.health."));

	private final List<Property> properties;

	private ConfigurationReference(List<Property> properties) {
		this.properties = properties;
	}

	/**
	 * Read the {@code redis.*} settings of the metadata on the class path.
	 * @return the reference
	 * @throws IOException if the metadata cannot be read
	 */
	static ConfigurationReference load() throws IOException {
		try (InputStream in = ConfigurationReference.class.getClassLoader().getResourceAsStream(METADATA)) {
			if (in == null) {
				throw new IllegalStateException(METADATA + " is not on the class path: compile autoconfigure first");
			}
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			List<Property> properties = StreamSupport.stream(metadata.path("properties").spliterator(), false)
				.map(Property::of)
				.filter((property) -> property.name().startsWith("redis."))
				.sorted(Comparator.comparing(Property::name))
				.toList();
			return new ConfigurationReference(properties);
		}
	}

	/**
	 * Return the settings, sorted by property.
	 * @return the settings
	 */
	List<Property> properties() {
		return this.properties;
	}

	/**
	 * Render {@code docs/reference.md}.
	 * @return the Markdown
	 */
	String render() {
		StringBuilder out = new StringBuilder();
		out.append("# Configuration reference\n\n");
		out.append("Every redis-ha setting, as its environment variable and its property, with its default. ");
		out.append("Generated from the configuration metadata by `ConfigurationReferenceTests`, which fails ");
		out.append("when this page and the code disagree: do not edit it, change the javadoc or default of the ");
		out.append("setting and run `").append(REGENERATE).append("`.\n");
		Map<Section, List<Property>> bySection = new LinkedHashMap<>();
		SECTIONS.forEach((section) -> bySection.put(section, new ArrayList<>()));
		this.properties.forEach((property) -> bySection.get(sectionOf(property)).add(property));
		bySection.forEach((section, rows) -> {
			out.append("\n<a id=\"").append(section.anchor()).append("\"></a>\n\n");
			out.append("## ").append(section.heading()).append("\n\n");
			out.append("| env var | property | default | description |\n");
			out.append("| --- | --- | --- | --- |\n");
			rows.forEach((property) -> out.append(row(property)));
		});
		return out.toString();
	}

	private static Section sectionOf(Property property) {
		return SECTIONS.stream()
			.filter((section) -> property.name().startsWith(section.prefix()))
			.max(Comparator.comparingInt((section) -> section.prefix().length()))
			.orElseThrow();
	}

	private static String row(Property property) {
		Setting setting = Setting.of(property.name());
		String defaultValue = (property.defaultValue() != null) ? "`" + property.defaultValue() + "`" : "";
		return "| `" + setting.variable() + "` | <a id=\"" + setting.property() + "\"></a>`" + setting.property()
				+ "` | " + defaultValue + " | " + cell(property.description()) + " |\n";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("*", "\\*").replace("<", "&lt;").replace("\n", " ");
	}

	private record Section(String anchor, String heading, String prefix) {

	}

	/**
	 * One setting as the metadata describes it.
	 *
	 * @param name the property
	 * @param type the Java type it binds to
	 * @param description the description (from the field's javadoc)
	 * @param defaultValue the default as users write it, e.g. {@code 500ms}, or
	 * {@code null} if it has none
	 */
	record Property(String name, String type, String description, @Nullable String defaultValue) {

		static Property of(JsonNode node) {
			JsonNode value = node.path("defaultValue");
			String defaultValue = null;
			if (value.isArray()) {
				defaultValue = StreamSupport.stream(value.spliterator(), false)
					.map(JsonNode::asString)
					.collect(Collectors.joining(","));
			}
			else if (!value.isMissingNode() && !value.isNull()) {
				defaultValue = value.asString();
			}
			return new Property(node.path("name").asString(), node.path("type").asString(),
					node.path("description").asString(""), defaultValue);
		}

	}

}
