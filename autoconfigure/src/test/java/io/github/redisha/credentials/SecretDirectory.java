package io.github.redisha.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A directory laid out as Kubernetes mounts a secret volume: each key is a symlink
 * {@code key -> ..data/key}, {@code ..data} a symlink to a timestamped directory, and an
 * update writes a new timestamped directory and swaps {@code ..data} in one rename.
 */
final class SecretDirectory {

	private final Path root;

	private int version;

	SecretDirectory(Path root, Map<String, String> secrets) {
		this.root = root;
		try {
			Files.createSymbolicLink(root.resolve("..data"), writeVersion(secrets).getFileName());
			for (String key : secrets.keySet()) {
				Files.createSymbolicLink(root.resolve(key), Path.of("..data", key));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path file(String key) {
		return this.root.resolve(key);
	}

	/**
	 * Replace every secret at once, as the kubelet does.
	 * @param secrets the new content of every key
	 */
	void update(Map<String, String> secrets) {
		try {
			Path next = writeVersion(secrets);
			Path swap = this.root.resolve("..data_tmp");
			Files.createSymbolicLink(swap, next.getFileName());
			Files.move(swap, this.root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path writeVersion(Map<String, String> secrets) throws IOException {
		Path directory = Files.createDirectory(this.root.resolve("..v" + (++this.version)));
		for (Map.Entry<String, String> secret : secrets.entrySet()) {
			Files.writeString(directory.resolve(secret.getKey()), secret.getValue());
		}
		return directory;
	}

}
