package io.github.redisha.test.internal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Testcontainers is an optional dependency of the test kit: without it on the class path
 * the native backend works and choosing the Testcontainers backend fails with a clear
 * message.
 */
class OptionalTestcontainersIT {

	@Test
	void nativeBackendNeedsNoTestcontainersAndItsAbsenceIsExplained() throws Exception {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String withoutTestcontainers = Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.contains("testcontainers") && !entry.contains("docker-java"))
			.collect(Collectors.joining(File.pathSeparator));
		assertThat(withoutTestcontainers).isNotEqualTo(classpath);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", withoutTestcontainers, WithoutTestcontainersJvm.class.getName())
			.redirectErrorStream(true)
			.start();
		child.getOutputStream().close();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(child.exitValue()).as(output).isZero();
		assertThat(output).contains("NATIVE OK 127.0.0.1:")
			.contains("CONTAINERS FAILED Backend.TESTCONTAINERS needs Testcontainers on the test class path")
			.contains("org.testcontainers:testcontainers");
	}

}
