package io.github.redisha.cache;

/**
 * The cache operations redis-ha retries, as named in meter tags and log lines.
 *
 * @author redis-ha
 */
enum CacheOperation {

	/** A read ({@code GET}, synchronous or asynchronous). */
	GET("get", true),

	/** A write ({@code SET}, synchronous or asynchronous). */
	PUT("put", true),

	/** A conditional write ({@code SET NX}). */
	PUT_IF_ABSENT("put-if-absent", true),

	/** Removal of one entry. */
	EVICT("evict", false),

	/** Removal of all entries of a cache. */
	CLEAR("clear", false);

	private final String tag;

	private final boolean failsFastWhileUnavailable;

	CacheOperation(String tag, boolean failsFastWhileUnavailable) {
		this.tag = tag;
		this.failsFastWhileUnavailable = failsFastWhileUnavailable;
	}

	/**
	 * The name used in meter tags and log lines.
	 * @return the name
	 */
	String tag() {
		return this.tag;
	}

	/**
	 * Whether the operation makes a single attempt while Redis is known to be
	 * unavailable. Reads and writes may: their failure costs only a cache miss. Evictions
	 * always get the whole budget: their failure can leave stale data behind.
	 * @return whether the operation fails fast during a known outage
	 */
	boolean failsFastWhileUnavailable() {
		return this.failsFastWhileUnavailable;
	}

}
