package io.github.redisha.test.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * File helpers: temp directories, config files, log tails.
 *
 * @author redis-ha
 */
final class Dirs {

	private Dirs() {
	}

	/**
	 * Where node directories go: {@code redisha.test.dir} when set, else {@code /dev/shm}
	 * when it is a writable directory, else {@code java.io.tmpdir}. Memory first because
	 * Sentinel fsyncs its config on every state change and Redis on
	 * {@code CONFIG REWRITE}: behind a build's disk writes such an fsync can stall a node
	 * for a second, which a 1 s {@code down-after-milliseconds} turns into a failover
	 * nobody asked for.
	 * @return the base directory, created if needed
	 */
	static Path baseDirectory() {
		String configured = System.getProperty("redisha.test.dir");
		if (configured != null && !configured.isBlank()) {
			return createDirectory(Path.of(configured));
		}
		Path shm = Path.of("/dev/shm");
		if (Files.isDirectory(shm) && Files.isWritable(shm)) {
			return shm;
		}
		return Path.of(System.getProperty("java.io.tmpdir"));
	}

	static Path createTempDirectory(String prefix) {
		try {
			return Files.createTempDirectory(baseDirectory(), prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory", ex);
		}
	}

	static Path createDirectory(Path dir) {
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + dir, ex);
		}
	}

	static void write(Path file, List<String> lines) {
		try {
			Files.write(file, lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

	/**
	 * The last {@code maxLines} lines of a file, or a note that it does not exist.
	 * @param file the file to read
	 * @param maxLines how many lines to return at most
	 * @return the last lines, or a note that the file does not exist
	 */
	static String tail(Path file, int maxLines) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
			return tail.isEmpty() ? "(" + file + " is empty)" : String.join("\n", tail);
		}
		catch (NoSuchFileException ex) {
			return "(" + file + " does not exist)";
		}
		catch (IOException | RuntimeException ex) {
			return "(could not read " + file + ": " + ex + ")";
		}
	}

	/**
	 * Deletes a directory tree; best effort, returns whether it is gone.
	 * @param root the directory to delete
	 * @return whether the directory is gone
	 */
	static boolean deleteRecursively(Path root) {
		if (root == null || !Files.exists(root)) {
			return true;
		}
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
					Files.deleteIfExists(dir);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			return false;
		}
		return !Files.exists(root);
	}

	/**
	 * Quotes a value for {@code redis.conf} (parsed with {@code sdssplitargs}).
	 * @param value the value to quote
	 * @return the quoted value
	 */
	static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7f) {
				out.append(String.format("\\x%02x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
