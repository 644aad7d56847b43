package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.testsupport.SystemEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code REDIS_URL} drives the connection details, the startup log line and the failure
 * report, and stays masked in the actuator.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisUrlAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void standaloneUrlBecomesTheConnectionDetails(CapturedOutput output) {
		run(Map.of("REDIS_URL", "rediss://app:url-secret@cache.internal:6380/2"), (context) -> {
			DataRedisConnectionDetails details = context.getBean(DataRedisConnectionDetails.class);
			assertThat(details.getStandalone().getHost()).isEqualTo("cache.internal");
			assertThat(details.getStandalone().getPort()).isEqualTo(6380);
			assertThat(details.getStandalone().getDatabase()).isEqualTo(2);
			assertThat(details.getUsername()).isEqualTo("app");
			assertThat(details.getPassword()).isEqualTo("url-secret");
			// rediss:// switches TLS on like REDIS_SSL=true does: the JVM's trust store,
			// no bundle named
			assertThat(details.getSslBundle()).isNotNull();
		});
		assertThat(output)
			.contains("redis-ha: from REDIS_URL rediss://app:****@cache.internal:6380/2: "
					+ "standalone mode, Redis at cache.internal:6380, database 2, data password set")
			.doesNotContain("url-secret");
	}

	@Test
	void sentinelUrlBecomesTheConnectionDetails() {
		run(Map.of("REDIS_URL", "redis-sentinel://:data-secret@s1:26379,[::1]:26380/1#billing",
				"REDIS_SENTINEL_PASSWORD", "sentinel-secret"), (context) -> {
					DataRedisConnectionDetails.Sentinel sentinel = context.getBean(DataRedisConnectionDetails.class)
						.getSentinel();
					assertThat(sentinel.getMaster()).isEqualTo("billing");
					assertThat(sentinel.getNodes()).extracting(RedisHaConnectionDetails::format)
						.containsExactly("s1:26379", "[::1]:26380");
					assertThat(sentinel.getDatabase()).isEqualTo(1);
					assertThat(sentinel.getPassword()).isEqualTo("sentinel-secret");
					assertThat(context.getBean(DataRedisConnectionDetails.class).getPassword())
						.isEqualTo("data-secret");
					assertThat(context.getBean(DataRedisConnectionDetails.class).getSslBundle()).isNull();
				});
	}

	@Test
	void malformedUrlFailsWithAnAnalysisThatNamesTheVariable() {
		ApplicationContextRunner runner = this.contextRunner
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_URL", "redis://:url-secret@cache:port")))
			.withInitializer(RedisUrlAutoConfigurationTests::postProcess);
		assertThat(StartupFailures.analyze(runner).getDescription())
			.isEqualTo("REDIS_URL (redis.url) 'redis://****@cache:port' has an invalid entry 'cache:port': "
					+ "port 'port' is not a number.");
	}

	@Test
	void redisEnabledFalseIgnoresTheUrl() {
		run(Map.of("REDIS_URL", "not a url", "REDIS_ENABLED", "false"),
				(context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisHaConnectionDetails.class));
	}

	@Test
	void aRealApplicationReportsAMalformedUrlBeforeTheContextExists(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
				.environment(SystemEnvironment
					.environment(Map.of("REDIS_URL", "redis-sentinel://:url-secret@s1:26379,s2:26379")))
				.run()
				.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("REDIS_URL (redis.url) 'redis-sentinel://****@s1:26379,s2:26379' is invalid: "
					+ "a Sentinel URL needs the master name after '#'.")
			.contains("Fix REDIS_URL, or remove it and use the individual REDIS_* variables.")
			.doesNotContain("url-secret");
	}

	@Test
	void urlIsShownWithItsPasswordMaskedInEnvAndConfigprops() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
							ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always")
			.withInitializer(SystemEnvironment.of(Map.of("REDIS_URL", "redis://app:url-secret@cache:6379/1")))
			.withInitializer(RedisUrlAutoConfigurationTests::postProcess)
			.run((context) -> {
				String env = ActuatorReports.env(context);
				String configProps = ActuatorReports.configProps(context);
				assertThat(env).contains("REDIS_URL=redis://app:****@cache:6379/1")
					.contains("redis.host=cache")
					.contains("redis.password=******")
					.doesNotContain("url-secret");
				assertThat(configProps).contains("url=redis://app:****@cache:6379/1").doesNotContain("url-secret");
			});
	}

	private void run(Map<String, String> variables, ContextConsumer<AssertableApplicationContext> consumer) {
		this.contextRunner.withInitializer(SystemEnvironment.of(variables))
			.withInitializer(RedisUrlAutoConfigurationTests::postProcess)
			.run(consumer);
	}

	/**
	 * What {@link SpringApplication} does before creating the context; the context runner
	 * does not run environment post-processors itself.
	 */
	static void postProcess(ConfigurableApplicationContext context) {
		new RedisUrlEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(),
				new SpringApplication());
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class })
	static class EmptyApplication {

	}

}
