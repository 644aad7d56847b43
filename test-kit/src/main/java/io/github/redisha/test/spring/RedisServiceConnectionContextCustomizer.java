package io.github.redisha.test.spring;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the {@code redis.*} properties of a test's topology to its application context.
 *
 * @author redis-ha
 */
final class RedisServiceConnectionContextCustomizer implements ContextCustomizer {

	private final TopologySource source;

	private final boolean sentinelsViaService;

	RedisServiceConnectionContextCustomizer(TopologySource source, boolean sentinelsViaService) {
		this.source = source;
		this.sentinelsViaService = sentinelsViaService;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		TopologyProperties.addTo(context.getEnvironment(), this.source.topology(), this.sentinelsViaService);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RedisServiceConnectionContextCustomizer customizer
				&& customizer.source.equals(this.source) && customizer.sentinelsViaService == this.sentinelsViaService;
	}

	@Override
	public int hashCode() {
		return 31 * this.source.hashCode() + Boolean.hashCode(this.sentinelsViaService);
	}

}
