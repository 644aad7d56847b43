package io.github.redisha.sample;

import java.net.URI;
import java.util.Map;

import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.spring.RedisServiceConnections;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The sample app started in the test JVM on a free port, wired to a test-kit topology
 * through the test kit's service connection; nothing from the test machine's own
 * environment (a developer's {@code REDIS_*} settings) leaks in.
 */
final class RunningSampleApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final SampleAppClient client;

	private RunningSampleApp(ConfigurableApplicationContext context) {
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.client = new SampleAppClient(URI.create("http://127.0.0.1:" + port));
	}

	static RunningSampleApp start(SentinelTopology topology) {
		return start(RedisServiceConnections.initializer(topology));
	}

	/**
	 * Start the app wired to a topology of any mode.
	 * @param connection the test kit's service connection of the topology, e.g.
	 * {@link RedisServiceConnections#initializer(io.github.redisha.test.StandaloneRedis)}
	 * @return the running app
	 */
	static RunningSampleApp start(ApplicationContextInitializer<ConfigurableApplicationContext> connection) {
		StandardEnvironment isolated = new StandardEnvironment() {

			@Override
			protected void customizePropertySources(MutablePropertySources propertySources) {
				propertySources.addLast(
						new PropertiesPropertySource(SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, System.getProperties()));
				propertySources
					.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of()));
			}

		};
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.environment(isolated)
			.properties("server.port=0", "server.address=127.0.0.1")
			.initializers(connection)
			.run();
		return new RunningSampleApp(context);
	}

	SampleAppClient client() {
		return this.client;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
