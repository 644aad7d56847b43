package io.github.redisha.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Backend#nativeIfInstalled()} follows the native backend's own binary lookup.
 */
class BackendIT {

	@Test
	void nativeWhenTheBinariesAreFound() {
		assertThat(Backend.nativeIfInstalled()).isEqualTo(Backend.NATIVE);
	}

	@Test
	void containersWhenABinaryIsMissing() {
		String property = "redisha.test.redis-sentinel";
		String before = System.getProperty(property);
		System.setProperty(property, "/nonexistent/redis-sentinel");
		try {
			assertThat(Backend.nativeIfInstalled()).isEqualTo(Backend.TESTCONTAINERS);
		}
		finally {
			if (before != null) {
				System.setProperty(property, before);
			}
			else {
				System.clearProperty(property);
			}
		}
	}

}
