package io.github.redisha.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.redisha.internal.NameResolution;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Property combinations and back-off of {@link RedisHaConnectionAutoConfiguration}. No
 * Redis is needed: the startup check is switched off and Lettuce connects lazily.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisHaConnectionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.startup-check.enabled=false");

	@Test
	void defaultsToStandaloneOnLocalhost() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisHaConnectionDetails.class);
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory.getSentinelConfiguration()).isNull();
			assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("localhost");
			assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6379);
			assertThat(factory.getStandaloneConfiguration().getDatabase()).isZero();
		});
	}

	@Test
	void applicationConnectionsResolveHostNamesTheWayRedisHaDoes() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ClientResources.class).addressResolverGroup())
			.isSameAs(NameResolution.addressResolverGroup()));
	}

	@Test
	void standaloneFromProperties() {
		this.contextRunner
			.withPropertyValues("redis.host=cache.internal", "redis.port=6390", "redis.database=3",
					"redis.username=app", "redis.password=s3cret")
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("cache.internal");
				assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6390);
				assertThat(factory.getStandaloneConfiguration().getDatabase()).isEqualTo(3);
				assertThat(factory.getStandaloneConfiguration().getUsername()).isEqualTo("app");
				assertThat(factory.getStandaloneConfiguration().getPassword().get()).isEqualTo("s3cret".toCharArray());
			});
	}

	@Test
	void sentinelFromProperties() {
		this.contextRunner
			.withPropertyValues("redis.sentinel.enabled=true", "redis.sentinels=s1:26379, s2:26380,[::1]:26381",
					"redis.master-name=orders", "redis.password=data-pw", "redis.sentinel.password=sentinel-pw",
					"redis.sentinel.username=watcher", "redis.database=2")
			.run((context) -> {
				RedisSentinelConfiguration sentinel = context.getBean(LettuceConnectionFactory.class)
					.getSentinelConfiguration();
				assertThat(sentinel).isNotNull();
				assertThat(sentinel.getMaster().getName()).isEqualTo("orders");
				assertThat(sentinel.getSentinels()).extracting(RedisNode::getHost, RedisNode::getPort)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("s1", 26379),
							org.assertj.core.groups.Tuple.tuple("s2", 26380),
							org.assertj.core.groups.Tuple.tuple("::1", 26381));
				assertThat(sentinel.getPassword().get()).isEqualTo("data-pw".toCharArray());
				assertThat(sentinel.getSentinelPassword().get()).isEqualTo("sentinel-pw".toCharArray());
				assertThat(sentinel.getSentinelUsername()).isEqualTo("watcher");
				assertThat(sentinel.getDatabase()).isEqualTo(2);
			});
	}

	@Test
	void environmentVariablesBindThroughTheRealSystemEnvironmentPropertySource() {
		Map<String, Object> env = Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINELS",
				"10.1.0.1:26379,10.1.0.2:26379", "REDIS_MASTER_NAME", "payments", "REDIS_PASSWORD", "data-pw",
				"REDIS_SENTINEL_PASSWORD", "sentinel-pw", "REDIS_SENTINEL_USERNAME", "watcher", "REDIS_USERNAME", "app",
				"REDIS_DATABASE", "4");
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
			.run((context) -> {
				RedisHaProperties properties = context.getBean(RedisHaProperties.class);
				assertThat(properties.getMasterName()).isEqualTo("payments");
				RedisSentinelConfiguration sentinel = context.getBean(LettuceConnectionFactory.class)
					.getSentinelConfiguration();
				assertThat(sentinel.getMaster().getName()).isEqualTo("payments");
				assertThat(sentinel.getSentinels()).extracting(RedisNode::getHost)
					.containsExactly("10.1.0.1", "10.1.0.2");
				assertThat(sentinel.getUsername()).isEqualTo("app");
				assertThat(sentinel.getPassword().get()).isEqualTo("data-pw".toCharArray());
				assertThat(sentinel.getSentinelUsername()).isEqualTo("watcher");
				assertThat(sentinel.getSentinelPassword().get()).isEqualTo("sentinel-pw".toCharArray());
				assertThat(sentinel.getDatabase()).isEqualTo(4);
			});
	}

	@Test
	void standaloneEnvironmentVariablesBind() {
		Map<String, Object> env = Map.of("REDIS_HOST", "redis.internal", "REDIS_PORT", "6380", "REDIS_SSL", "true");
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("redis.internal");
				assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6380);
				assertThat(factory.isUseSsl()).isTrue();
			});
	}

	@Test
	void kubernetesServiceLinkPortUsesItsPortAndHost(CapturedOutput output) {
		this.contextRunner.withPropertyValues("redis.port=tcp://10.0.0.7:6379").run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("10.0.0.7");
			assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6379);
			assertThat(output).contains("REDIS_PORT (redis.port) holds a Kubernetes service link")
				.contains("enableServiceLinks: false");
		});
	}

	@Test
	void kubernetesServiceLinkPortKeepsAnExplicitHost() {
		this.contextRunner.withPropertyValues("redis.port=tcp://10.0.0.7:6380", "redis.host=redis-master")
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("redis-master");
				assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6380);
			});
	}

	@Test
	void springDataRedisSettingsStillApply() {
		this.contextRunner
			.withPropertyValues("redis.host=redis.internal", "spring.data.redis.timeout=750ms",
					"spring.data.redis.client-name=orders-service")
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getClientConfiguration().getCommandTimeout()).hasMillis(750);
				assertThat(factory.getClientConfiguration().getClientName()).hasValue("orders-service");
				assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("redis.internal");
			});
	}

	@Test
	void redisHaWinsOverSpringDataRedisEndpoint() {
		this.contextRunner.withPropertyValues("redis.host=from-redis-ha", "spring.data.redis.host=from-spring")
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getStandaloneConfiguration().getHostName())
				.isEqualTo("from-redis-ha"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("redis.enabled=false", "spring.data.redis.host=from-spring")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisHaConnectionDetails.class);
				assertThat(context).doesNotHaveBean(RedisStartupCheck.class);
				assertThat(context).hasSingleBean(DataRedisConnectionDetails.class);
				assertThat(context.getBean(LettuceConnectionFactory.class).getStandaloneConfiguration().getHostName())
					.isEqualTo("from-spring");
			});
	}

	@Test
	void backsOffFromUserConnectionDetails() {
		DataRedisConnectionDetails own = new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return Standalone.of("own-host", 7000);
			}
		};
		this.contextRunner.withBean(DataRedisConnectionDetails.class, () -> own)
			.withPropertyValues("redis.startup-check.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(DataRedisConnectionDetails.class);
				assertThat(context).doesNotHaveBean(RedisHaConnectionDetails.class);
				assertThat(context).doesNotHaveBean(RedisStartupCheck.class);
				assertThat(context.getBean(LettuceConnectionFactory.class).getStandaloneConfiguration().getHostName())
					.isEqualTo("own-host");
			});
	}

	@Test
	void backsOffFromUserConnectionFactory() {
		this.contextRunner.withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
			.withPropertyValues("redis.startup-check.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(RedisHaConnectionDetails.class);
				assertThat(context).doesNotHaveBean(RedisStartupCheck.class);
				assertThat(context).doesNotHaveBean(LettuceConnectionFactory.class);
			});
	}

	@Test
	void userSentinelConfigurationBeanWinsOverRedisHa() {
		this.contextRunner.withPropertyValues("redis.host=ignored", "redis.startup-check.enabled=true")
			.withBean(RedisSentinelConfiguration.class,
					() -> new RedisSentinelConfiguration("own-master", java.util.Set.of("own-sentinel:26379")))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisHaConnectionDetails.class);
				assertThat(context).doesNotHaveBean(RedisStartupCheck.class);
				assertThat(context.getBean(LettuceConnectionFactory.class)
					.getSentinelConfiguration()
					.getMaster()
					.getName()).isEqualTo("own-master");
			});
	}

	@Test
	void userStandaloneConfigurationBeanWinsOverRedisHa() {
		this.contextRunner.withPropertyValues("redis.startup-check.enabled=true")
			.withBean(RedisStandaloneConfiguration.class, () -> new RedisStandaloneConfiguration("own-host", 7001))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisHaConnectionDetails.class);
				assertThat(context).doesNotHaveBean(RedisStartupCheck.class);
				assertThat(context.getBean(LettuceConnectionFactory.class).getStandaloneConfiguration().getHostName())
					.isEqualTo("own-host");
			});
	}

	@Test
	void startupCheckIsOnByDefault() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
			.withPropertyValues("redis.port=1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(new RedisHaConfigurationFailureAnalyzer().analyze(failure))
					.as("the startup check's failure analysis")
					.isNotNull()
					.extracting(FailureAnalysis::getDescription)
					.asString()
					.startsWith("Redis at localhost:1 (REDIS_HOST/REDIS_PORT) could not be reached")));
	}

	@Test
	void startupLogLineNamesModeAndEndpointsButNoSecret(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("redis.sentinel.enabled=true", "redis.sentinels=s1:26379,s2:26379",
					"redis.password=very-secret-data", "redis.sentinel.password=very-secret-sentinel")
			.run((context) -> {
				assertThat(output).contains(
						"redis-ha: Sentinel mode, master name 'mymaster', sentinels [s1:26379, s2:26379], database 0, "
								+ "data password set, sentinel password set");
				assertThat(output).doesNotContain("very-secret-data").doesNotContain("very-secret-sentinel");
				assertThat(context.getBean(RedisHaConnectionDetails.class).toString()).doesNotContain("very-secret");
			});
	}

	@Test
	void passwordsAreMaskedInEnvAndConfigpropsEvenWhenValuesAreShown() {
		Map<String, Object> env = Map.of("REDIS_PASSWORD", "env-data-secret", "REDIS_SENTINEL_PASSWORD",
				"env-sentinel-secret");
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
							ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
			.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
					"redis.sentinel.password=prop-secret")
			.run((context) -> {
				assertThat(context).hasSingleBean(SanitizingFunction.class);
				String envReport = ActuatorReports.env(context);
				String configProps = ActuatorReports.configProps(context);
				assertThat(envReport).contains("REDIS_PASSWORD=******")
					.doesNotContain("env-data-secret")
					.doesNotContain("env-sentinel-secret")
					.doesNotContain("prop-secret");
				assertThat(configProps).contains("masterName=mymaster")
					.doesNotContain("env-data-secret")
					.doesNotContain("prop-secret");
			});
	}

	@Test
	void passwordFilesAreMaskedAsAPasswordMayHaveBeenPutThereByMistake(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("pw-file-name-7f3a"), "file-secret");
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
							ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
					"redis.password-file=" + file)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(ActuatorReports.env(context)).contains("redis.password-file=******")
					.doesNotContain("pw-file-name-7f3a")
					.doesNotContain("file-secret");
				assertThat(ActuatorReports.configProps(context)).doesNotContain("pw-file-name-7f3a")
					.doesNotContain("file-secret");
			});
	}

}
