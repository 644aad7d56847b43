package io.github.redisha.aot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.netty.channel.ChannelHandler;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints cover what redis-ha reaches reflectively, and Spring AOT finds them.
 */
class RedisHaRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void everyClassInSpringFactoriesCanBeInstantiated() throws Exception {
		new RedisHaRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		List<String> factories = springFactories();
		assertThat(factories).isNotEmpty().containsExactlyInAnyOrderElementsOf(RedisHaRuntimeHints.SPRING_FACTORIES);
		for (String factory : factories) {
			Class<?> type = Class.forName(factory);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructor()))
				.as("constructor of %s", factory)
				.accepts(this.hints);
		}
	}

	@Test
	void nettyCanIntrospectTheChannelHandlers() throws Exception {
		new RedisHaRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		for (String handler : RedisHaRuntimeHints.CHANNEL_HANDLERS) {
			assertThat(ChannelHandler.class.isAssignableFrom(Class.forName(handler))).as(handler).isTrue();
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(handler))
				.withMemberCategory(MemberCategory.INTROSPECT_PUBLIC_METHODS)).as(handler).accepts(this.hints);
		}
	}

	@Test
	void theCacheWriterCanCallExecuteReflectively() {
		new RedisHaRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		// the type's public methods: execute where Spring Data Redis has it (4.1),
		// nothing to call on 4.0
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(RedisHaRuntimeHints.CACHE_WRITER))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(this.hints);
	}

	@Test
	void springAotLoadsTheRegistrar() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(RedisHaRuntimeHints.class);
	}

	private static List<String> springFactories() throws IOException {
		Properties properties = PropertiesLoaderUtils
			.loadProperties(new ClassPathResource("META-INF/spring.factories"));
		List<String> classes = new ArrayList<>();
		for (String key : properties.stringPropertyNames()) {
			for (String name : StringUtils.commaDelimitedListToStringArray(properties.getProperty(key))) {
				classes.add(name.trim());
			}
		}
		return classes;
	}

}
