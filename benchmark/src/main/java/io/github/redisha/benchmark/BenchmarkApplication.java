package io.github.redisha.benchmark;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application under test: nothing but Spring Boot's auto-configuration. Whether
 * redis-ha takes part is decided by {@link Clients} (plain Boot excludes its
 * auto-configurations).
 *
 * @author redis-ha
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BenchmarkApplication {

}
