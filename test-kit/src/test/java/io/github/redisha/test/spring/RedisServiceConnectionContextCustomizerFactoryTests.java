package io.github.redisha.test.spring;

import java.util.List;

import io.github.redisha.test.ClusterTopology;
import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.SentinelTopology;
import io.github.redisha.test.StandaloneRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Misplaced {@code @RedisServiceConnection}s fail with a message that says what to do.
 */
class RedisServiceConnectionContextCustomizerFactoryTests {

	private final RedisServiceConnectionContextCustomizerFactory factory = new RedisServiceConnectionContextCustomizerFactory();

	@Test
	void noAnnotationNoCustomizer() {
		assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Test
	void classAnnotationWithoutATopologyAnnotation() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(WithoutTopology.class, List.of()))
			.withMessageContaining("needs @RedisSentinelTopology, @RedisStandalone or @RedisClusterTopology");
	}

	@Test
	void classAnnotationWithBothTopologyAnnotations() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(WithBoth.class, List.of()))
			.withMessageContaining("put @RedisServiceConnection on a static field");
	}

	@Test
	void classAnnotationWithSentinelAndClusterAnnotations() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(WithSentinelAndCluster.class, List.of()))
			.withMessageContaining("starts more than one topology ([@RedisClusterTopology, @RedisSentinelTopology])")
			.withMessageContaining("put @RedisServiceConnection on a static field");
	}

	@Test
	void classAnnotationWithAClusterTopologyAnnotation() {
		assertThat(this.factory.createContextCustomizer(WithCluster.class, List.of()))
			.isEqualTo(new RedisServiceConnectionContextCustomizer(
					new TopologySource.OfTestClass(WithCluster.class, ClusterTopology.class), false))
			.isNotEqualTo(this.factory.createContextCustomizer(WithSentinel.class, List.of()));
	}

	@Test
	void classAnnotationsOfOneTestClassGiveEqualCustomizers() {
		assertThat(this.factory.createContextCustomizer(WithSentinel.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(WithSentinel.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(WithStandalone.class, List.of()));
	}

	@Test
	void instanceField() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(InstanceField.class, List.of()))
			.withMessageContaining("InstanceField.redis must be static");
	}

	@Test
	void nullField() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(NullField.class, List.of()))
			.withMessageContaining("NullField.topology is null: start the topology in its initializer");
	}

	@Test
	void fieldOfAnotherType() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(StringField.class, List.of()))
			.withMessageContaining(
					"must hold a SentinelTopology, a StandaloneRedis or a ClusterTopology, not java.lang.String");
	}

	static class Plain {

	}

	@RedisServiceConnection
	static class WithoutTopology {

	}

	@RedisServiceConnection
	@RedisSentinelTopology
	@RedisStandalone
	static class WithBoth {

	}

	@RedisServiceConnection
	@RedisSentinelTopology
	@RedisClusterTopology
	static class WithSentinelAndCluster {

	}

	@RedisServiceConnection
	@RedisClusterTopology
	static class WithCluster {

	}

	@RedisServiceConnection
	@RedisSentinelTopology
	static class WithSentinel {

	}

	@RedisServiceConnection
	@RedisStandalone
	static class WithStandalone {

	}

	static class InstanceField {

		@RedisServiceConnection
		StandaloneRedis redis;

	}

	static class NullField {

		@RedisServiceConnection
		static SentinelTopology topology;

	}

	static class StringField {

		@RedisServiceConnection
		static String topology = "127.0.0.1:6379";

	}

}
