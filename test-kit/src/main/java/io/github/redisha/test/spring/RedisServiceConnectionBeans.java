package io.github.redisha.test.spring;

import java.util.Map;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;

/**
 * Creates the topology beans of {@link RedisServiceConnection @RedisServiceConnection}
 * {@code @Bean} methods before any other bean and adds their {@code redis.*} properties,
 * so they are there when the starter binds its settings. Looks at bean definitions only:
 * no other bean is created early.
 *
 * @author redis-ha
 */
class RedisServiceConnectionBeans implements BeanFactoryPostProcessor, EnvironmentAware {

	private ConfigurableEnvironment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String annotation = RedisServiceConnection.class.getName();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (definition instanceof AnnotatedBeanDefinition annotated) {
				MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
				if (factoryMethod != null && factoryMethod.isAnnotated(annotation)) {
					Map<String, Object> attributes = factoryMethod.getAnnotationAttributes(annotation);
					boolean viaService = attributes != null
							&& Boolean.TRUE.equals(attributes.get("sentinelsViaService"));
					TopologyProperties.addTo(this.environment, beanFactory.getBean(name), viaService);
				}
			}
		}
	}

}
