package io.github.redisha.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpecTest {

	@Test
	void sentinelDefaults() {
		SentinelTopology.Spec spec = RedisTopologies.sentinel().spec();
		assertThat(spec.masterName()).isEqualTo("mymaster");
		assertThat(spec.replicas()).isEqualTo(2);
		assertThat(spec.sentinels()).isEqualTo(3);
		assertThat(spec.quorum()).isEqualTo(2);
		assertThat(spec.downAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(spec.failoverTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(spec.parallelSyncs()).isEqualTo(1);
		assertThat(spec.password()).isNull();
		assertThat(spec.sentinelPassword()).isNull();
		assertThat(spec.extraServerConfig()).isEmpty();
	}

	@Test
	void emptyPasswordsMeanNone() {
		assertThat(RedisTopologies.sentinel().password("").sentinelPassword("").spec().password()).isNull();
		assertThat(RedisTopologies.standalone().password("").spec().password()).isNull();
		assertThat(RedisTopologies.standalone().password("x").spec().password()).isEqualTo("x");
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().masterName("my master").spec());
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().quorum(4).spec())
			.withMessageContaining("quorum");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().sentinels(0).spec());
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().replicas(-1).spec());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.sentinel().downAfter(Duration.ZERO).spec());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.standalone().extraServerConfig("a 1\nb 2").spec());
	}

}
