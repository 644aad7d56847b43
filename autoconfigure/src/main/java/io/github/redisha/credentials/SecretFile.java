package io.github.redisha.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;

/**
 * One file holding one secret (a password or a user name), named by the setting that
 * points at it. Its content never leaves this class except as the return value of
 * {@link #read()}: every message names the setting and the path only.
 *
 * @param setting the setting holding the path, e.g. {@code REDIS_PASSWORD_FILE}
 * @param path the file
 * @author redis-ha
 */
public record SecretFile(Setting setting, Path path) {

	/**
	 * Read the secret: the whole file without its trailing line break (what {@code echo}
	 * and most editors add; a Kubernetes secret holds the bytes as given).
	 * @return the secret, never empty
	 * @throws RedisHaConfigurationException naming the setting and the path when the file
	 * is missing, unreadable or empty
	 */
	String read() {
		String content;
		try {
			content = Files.readString(this.path, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw failure("does not exist",
					"Mount the secret there, or point " + this.setting.variable() + " at the file that holds it.");
		}
		catch (IOException | RuntimeException ex) {
			throw failure("cannot be read (" + ex.getClass().getSimpleName() + ")",
					"Make the file readable by the application's user, or point " + this.setting.variable()
							+ " at another file.");
		}
		String secret = withoutTrailingLineBreak(content);
		if (secret.isEmpty()) {
			throw failure("is empty", "Write the secret into the file, or remove " + this.setting.variable() + ".");
		}
		return secret;
	}

	static String withoutTrailingLineBreak(String content) {
		int end = content.length();
		while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
			end--;
		}
		return content.substring(0, end);
	}

	private RedisHaConfigurationException failure(String problem, String action) {
		return new RedisHaConfigurationException(this.setting + " names " + describePath() + ", which " + problem + ".",
				action);
	}

	/**
	 * The path as messages show it; a value without a directory is not shown, as it may
	 * be a password set in the wrong variable.
	 * @return the description
	 */
	String describePath() {
		return (this.path.getParent() != null) ? "the file " + this.path
				: "a file without a directory part (not shown: it may be the secret itself; set "
						+ this.setting.variable() + " to the file's absolute path)";
	}

	@Override
	public String toString() {
		return this.setting.variable() + " (" + describePath() + ")";
	}

}
