/**
 * Spring hook of the test kit:
 * {@link io.github.redisha.test.spring.RedisServiceConnection @RedisServiceConnection}
 * wires a test's application context to a test-kit topology through {@code redis.*}
 * properties, and {@link io.github.redisha.test.spring.RedisServiceConnections} does the
 * same for {@code ApplicationContextRunner} tests. Needs {@code spring-test} (and
 * {@code spring-boot-autoconfigure} for {@code @Bean} methods) on the class path; the
 * test kit declares them optional.
 */
package io.github.redisha.test.spring;
