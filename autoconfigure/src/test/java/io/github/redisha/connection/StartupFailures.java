package io.github.redisha.connection;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a context that must fail to start and returns the failure analysis a user would
 * see.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	static FailureAnalysis analyze(ApplicationContextRunner contextRunner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new RedisHaConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

}
