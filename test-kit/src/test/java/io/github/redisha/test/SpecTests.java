package io.github.redisha.test;

import java.time.Duration;

import io.github.redisha.test.internal.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpecTests {

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
	void clusterDefaults() {
		ClusterTopology.Spec spec = RedisTopologies.cluster().spec();
		assertThat(spec.primaries()).isEqualTo(3);
		assertThat(spec.replicasPerPrimary()).isEqualTo(1);
		assertThat(spec.nodes()).isEqualTo(6);
		assertThat(spec.nodeTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(spec.password()).isNull();
		assertThat(spec.extraServerConfig()).isEmpty();
		assertThat(RedisTopologies.cluster().primaries(5).replicasPerPrimary(2).spec().nodes()).isEqualTo(15);
	}

	@Test
	void emptyPasswordsMeanNone() {
		assertThat(RedisTopologies.cluster().password("").spec().password()).isNull();
		assertThat(RedisTopologies.sentinel().password("").sentinelPassword("").spec().password()).isNull();
		assertThat(RedisTopologies.standalone().password("").spec().password()).isNull();
		assertThat(RedisTopologies.standalone().password("x").spec().password()).isEqualTo("x");
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.sentinel().masterName("my master").spec());
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().quorum(4).spec())
			.withMessageContaining("quorum");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().sentinels(0).spec());
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().replicas(-1).spec());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.sentinel().downAfter(Duration.ZERO).spec());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.standalone().extraServerConfig("a 1\nb 2").spec());
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.cluster().primaries(0).spec())
			.withMessageContaining("primaries");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.cluster().replicasPerPrimary(-1).spec())
			.withMessageContaining("replicasPerPrimary");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.cluster().nodeTimeout(Duration.ZERO).spec())
			.withMessageContaining("nodeTimeout");
	}

	@Test
	void zonesNameOneZonePerDataNode() {
		SentinelTopology.Spec spec = RedisTopologies.sentinel().zones("eu-1a", "eu-1b", "eu-1c").spec();
		assertThat(spec.zones()).containsExactly("eu-1a", "eu-1b", "eu-1c");
		assertThat(spec.announceZones()).isFalse();
		assertThat(RedisTopologies.sentinel().spec().zones()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().zones("eu-1a").spec())
			.withMessageContaining("one zone per data node (3)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.sentinel().zones("eu 1a", "b", "c").spec())
			.withMessageContaining("zones must match");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.sentinel().announceZones().spec())
			.withMessageContaining("announceZones() needs zones");
	}

	@Test
	void anImageOnlyAppliesToTheTestcontainersBackend() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.standalone().image("redis:7.4").start())
			.withMessageContaining("only applies to Backend.TESTCONTAINERS");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopologies.sentinel().backend(Backend.NATIVE).image("redis:7.4").start())
			.withMessageContaining("only applies to Backend.TESTCONTAINERS");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopologies.cluster().image("redis:7.4").start())
			.withMessageContaining("only applies to Backend.TESTCONTAINERS");
	}

	@Test
	@ResourceLock(Resources.SYSTEM_PROPERTIES)
	void theImageComesFromTheBuilderThenTheSystemPropertyThenTheEnvironmentThenTheDefault() {
		assertThat(Backends.image(" redis:7.4 ")).isEqualTo("redis:7.4");
		String previous = System.getProperty(Backends.IMAGE_PROPERTY);
		System.setProperty(Backends.IMAGE_PROPERTY, "example/redis:1");
		try {
			assertThat(Backends.image(null)).isEqualTo("example/redis:1");
			assertThat(Backends.image("redis:7.4")).isEqualTo("redis:7.4");
		}
		finally {
			if (previous == null) {
				System.clearProperty(Backends.IMAGE_PROPERTY);
			}
			else {
				System.setProperty(Backends.IMAGE_PROPERTY, previous);
			}
		}
		String env = System.getenv(Backends.IMAGE_ENV);
		assertThat(Backends.image(null))
			.isEqualTo((env == null || env.isBlank()) ? Backends.DEFAULT_IMAGE : env.trim());
	}

}
