package io.github.redisha.credentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The credentials redis-ha connects with: the data nodes' and the sentinels', each fixed
 * or read from files ({@code REDIS_PASSWORD_FILE}, {@code REDIS_USERNAME_FILE},
 * {@code REDIS_SENTINEL_PASSWORD_FILE}, {@code REDIS_SENTINEL_USERNAME_FILE}).
 *
 * @param data the data nodes' credentials
 * @param sentinel the sentinels' credentials
 * @author redis-ha
 */
public record RedisHaCredentials(RotatingCredentials data, RotatingCredentials sentinel) {

	/**
	 * Whether any credential comes from a file.
	 * @return whether there is anything to watch
	 */
	public boolean isFromFiles() {
		return this.data.isFromFiles() || this.sentinel.isFromFiles();
	}

	/**
	 * Re-read every file.
	 * @return whether anything changed
	 */
	public boolean refresh() {
		boolean dataChanged = this.data.refresh();
		return this.sentinel.refresh() || dataChanged;
	}

	/**
	 * The files the credentials are read from.
	 * @return the files, none for fixed credentials
	 */
	public List<Path> files() {
		List<Path> files = new ArrayList<>(this.data.files());
		files.addAll(this.sentinel.files());
		return files;
	}

}
