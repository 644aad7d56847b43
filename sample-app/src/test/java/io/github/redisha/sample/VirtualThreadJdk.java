package io.github.redisha.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK with virtual threads (21 or newer) under {@code /usr/lib/jvm}, for running the
 * sample app on virtual threads while the tests themselves run on the project's Java 17.
 * Prefers 21–23, where {@code synchronized} still pins a virtual thread to its carrier
 * (what Java 21 users hit), over 24+ (JEP 491 removed that).
 *
 * @param home the JDK's home
 * @param feature its feature version, e.g. 21
 */
record VirtualThreadJdk(Path home, int feature) {

	private static final Path JVMS = Path.of("/usr/lib/jvm");

	private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

	static VirtualThreadJdk find() {
		List<VirtualThreadJdk> found;
		try (Stream<Path> homes = Files.isDirectory(JVMS) ? Files.list(JVMS) : Stream.empty()) {
			found = homes
				.filter((home) -> Files.isExecutable(home.resolve("bin/java"))
						&& Files.isExecutable(home.resolve("bin/jfr")))
				.map(VirtualThreadJdk::of)
				.flatMap(Optional::stream)
				.filter((jdk) -> jdk.feature() >= 21)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found.stream()
			.min(Comparator.comparing((VirtualThreadJdk jdk) -> !jdk.pinsOnSynchronized())
				.thenComparing(VirtualThreadJdk::feature))
			.orElseThrow(() -> new IllegalStateException("No JDK 21 or newer (with bin/java and bin/jfr) under " + JVMS
					+ ": the virtual-thread test runs the sample app on one. Install one there, e.g. a Temurin 21 or "
					+ "25 JDK, or Debian's openjdk-21-jdk-headless where the release has it."));
	}

	private static Optional<VirtualThreadJdk> of(Path home) {
		try {
			Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
			return matcher.find() ? Optional.of(new VirtualThreadJdk(home, Integer.parseInt(matcher.group(1))))
					: Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	boolean pinsOnSynchronized() {
		return this.feature < 24;
	}

}
