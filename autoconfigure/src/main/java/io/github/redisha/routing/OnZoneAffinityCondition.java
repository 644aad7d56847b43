package io.github.redisha.routing;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code redis.read-from} names zone-affinity, in any of the spellings
 * {@link ReadFromSetting} accepts.
 *
 * @author redis-ha
 */
class OnZoneAffinityCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String readFrom = context.getEnvironment().getProperty(ReadFromSetting.SETTING.property());
		return (readFrom != null && ReadFromSetting.isZoneAffinity(readFrom))
				? ConditionOutcome.match("redis.read-from is zone-affinity")
				: ConditionOutcome.noMatch("redis.read-from is not zone-affinity");
	}

}
