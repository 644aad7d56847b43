package io.github.redisha.test.spring;

import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Closes the application context of a test class annotated with
 * {@link RedisServiceConnection @RedisServiceConnection} after the class, before JUnit
 * closes the topology the class's annotation started: a cached context would otherwise
 * keep reconnecting to servers that are gone. Registered in
 * {@code META-INF/spring.factories}.
 *
 * @author redis-ha
 */
class RedisServiceConnectionTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public void afterTestClass(TestContext testContext) {
		if (AnnotationSupport.isAnnotated(testContext.getTestClass(), RedisServiceConnection.class)
				&& testContext.hasApplicationContext()) {
			testContext.markApplicationContextDirty(HierarchyMode.CURRENT_LEVEL);
		}
	}

}
