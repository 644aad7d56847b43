package io.github.redisha.cache;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The cache's retry policy for code that talks to Redis directly, for example through
 * {@code RedisTemplate}: transient failures (lost connection, command timeout,
 * {@code READONLY}, {@code LOADING}, {@code MASTERDOWN}, {@code NOREPLICAS}) are retried
 * with jittered exponential backoff until {@code redis.cache.retry.max-duration} is
 * spent; anything else is thrown at once. <pre class="code">
 * String name = redisRetry.invoke(() -&gt; redis.opsForValue().get("user:42:name"));
 * </pre>
 * <p>
 * <strong>Use it for idempotent operations only</strong> ({@code GET}, {@code SET} of a
 * fixed value, {@code DEL}, {@code EXPIRE}...). A command whose reply was lost may have
 * been executed: retrying {@code INCR}, {@code LPUSH} or {@code RPOPLPUSH} can apply it
 * twice.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public final class RedisRetryOperations {

	private final RetryTemplate template;

	RedisRetryOperations(RetryPolicy policy) {
		this.template = new RetryTemplate(policy);
	}

	/**
	 * Run an idempotent operation, retrying transient failures within the budget.
	 * @param <T> the result type
	 * @param operation the operation
	 * @return its result
	 * @throws RuntimeException the last failure when the budget is spent, or the first
	 * failure that is not transient, as thrown by the operation
	 */
	public <T extends @Nullable Object> T invoke(Supplier<T> operation) {
		return this.template.invoke(operation);
	}

	/**
	 * Run an idempotent operation without a result, retrying transient failures within
	 * the budget.
	 * @param operation the operation
	 * @throws RuntimeException the last failure when the budget is spent, or the first
	 * failure that is not transient, as thrown by the operation
	 */
	public void invoke(Runnable operation) {
		this.template.invoke(operation);
	}

	/**
	 * The policy, to build a {@code RetryTemplate} of your own with listeners.
	 * @return the policy
	 */
	public RetryPolicy getRetryPolicy() {
		return this.template.getRetryPolicy();
	}

}
