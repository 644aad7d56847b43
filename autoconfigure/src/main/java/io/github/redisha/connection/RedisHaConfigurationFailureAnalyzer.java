package io.github.redisha.connection;

import io.github.redisha.RedisHaConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link RedisHaConfigurationException} into a startup failure report that says
 * what is wrong and what to do.
 *
 * @author redis-ha
 */
class RedisHaConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<RedisHaConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisHaConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
