package io.github.redisha.test.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Makes {@link RedisServiceConnection @RedisServiceConnection} work on {@code @Bean}
 * methods, e.g. of the {@code @TestConfiguration} a {@code spring-boot:test-run}
 * application starts its topology with. The test kit is a test dependency, so this is
 * never part of a production application.
 *
 * @author redis-ha
 */
@AutoConfiguration
public final class RedisServiceConnectionAutoConfiguration {

	@Bean
	static RedisServiceConnectionBeans redisServiceConnectionBeans() {
		return new RedisServiceConnectionBeans();
	}

}
