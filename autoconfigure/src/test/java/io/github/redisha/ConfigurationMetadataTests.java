package io.github.redisha;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete {@code redis.*} only from the metadata we ship: every setting needs a
 * description there (plain text: the processor copies javadoc tags verbatim), and the
 * documented defaults must be in it.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyRedisSettingShipsWithADescription() throws Exception {
		Map<String, Object> metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		List<Map<String, Object>> ours = properties.stream()
			.filter((property) -> ((String) property.get("name")).startsWith("redis."))
			.toList();
		assertThat(ours).extracting((property) -> property.get("name"))
			.contains("redis.sentinel.enabled", "redis.sentinels", "redis.master-name", "redis.password",
					"redis.sentinel.password", "redis.host", "redis.port", "redis.database", "redis.ssl", "redis.url");
		assertThat(ours).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank()
			.doesNotContain("{@"));
		assertThat(ours).filteredOn((property) -> property.get("name").equals("redis.master-name"))
			.singleElement()
			.satisfies((property) -> assertThat(property.get("defaultValue")).isEqualTo("mymaster"));
	}

}
