package io.github.redisha.internal;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Reading the fields of Redis and Sentinel replies, which arrive as strings.
 *
 * @author redis-ha
 */
public final class Replies {

	private Replies() {
	}

	/**
	 * A number field.
	 * @param value the field, may be null
	 * @return its value, -1 when missing or not a number
	 */
	public static long parseLong(@Nullable String value) {
		try {
			return (value != null) ? Long.parseLong(value.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * A port field.
	 * @param value the field, may be null
	 * @return the port, 0 when missing or out of range
	 */
	public static int parsePort(@Nullable String value) {
		long port = parseLong(value);
		return (port > 0 && port <= 65535) ? (int) port : 0;
	}

	/**
	 * Why a future that completed exceptionally failed.
	 * @param future a future that completed exceptionally
	 * @return the failure, without the {@code CompletionException} around it
	 */
	public static Throwable failureOf(CompletableFuture<?> future) {
		try {
			future.join();
			throw new IllegalStateException("not failed");
		}
		catch (RuntimeException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

}
