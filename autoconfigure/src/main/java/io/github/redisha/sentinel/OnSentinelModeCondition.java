package io.github.redisha.sentinel;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the application connects through Sentinel:
 * {@code redis.sentinel.enabled=true} (redis-ha's connection details) or
 * {@code spring.data.redis.sentinel.master} (Spring Boot's own).
 *
 * @author redis-ha
 */
class OnSentinelModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		boolean redisHa = environment.getProperty("redis.enabled", Boolean.class, true)
				&& environment.getProperty("redis.sentinel.enabled", Boolean.class, false);
		if (redisHa) {
			return ConditionOutcome.match("redis.sentinel.enabled is true");
		}
		if (StringUtils.hasText(environment.getProperty("spring.data.redis.sentinel.master"))) {
			return ConditionOutcome.match("spring.data.redis.sentinel.master is set");
		}
		return ConditionOutcome.noMatch("neither redis.sentinel.enabled nor spring.data.redis.sentinel.master is set");
	}

}
