package io.github.redisha.cache;

/**
 * What happened to cache operations, for metrics. The default methods do nothing, which
 * is what applications without Micrometer get.
 *
 * @author redis-ha
 */
interface CacheEvents {

	/** Events that go nowhere. */
	CacheEvents NONE = new CacheEvents() {
	};

	/**
	 * An operation is attempted again after a transient failure.
	 * @param cache the cache name
	 * @param operation the operation
	 */
	default void retried(String cache, CacheOperation operation) {
	}

	/**
	 * An operation still failed transiently when its time budget ran out.
	 * @param cache the cache name
	 * @param operation the operation
	 */
	default void exhausted(String cache, CacheOperation operation) {
	}

	/**
	 * A failure was absorbed: a read served as a miss, or a write skipped.
	 * @param cache the cache name
	 * @param operation the operation
	 */
	default void fellBack(String cache, CacheOperation operation) {
	}

	/**
	 * A failure was passed on to the caller (evict, clear).
	 * @param cache the cache name
	 * @param operation the operation
	 */
	default void failed(String cache, CacheOperation operation) {
	}

}
