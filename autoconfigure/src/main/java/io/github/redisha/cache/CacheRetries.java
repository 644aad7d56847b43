package io.github.redisha.cache;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.redisha.internal.RedisFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Runs cache operations under the retry policy and remembers whether Redis is known to be
 * unavailable: once an operation spent its whole budget, reads and writes make a single
 * attempt until one succeeds again, so that callers of a cache during a long outage wait
 * one command timeout instead of a whole budget per operation. Evictions always get the
 * whole budget (see {@link CacheOperation#failsFastWhileUnavailable()}).
 *
 * @author redis-ha
 */
final class CacheRetries {

	private static final Log logger = LogFactory.getLog(CacheRetries.class);

	private final RetryPolicy policy;

	private final RetryTemplate template;

	private final CacheEvents events;

	private final AtomicBoolean unavailable = new AtomicBoolean();

	CacheRetries(RetryPolicy policy, CacheEvents events) {
		this.policy = policy;
		this.events = events;
		this.template = new RetryTemplate(policy);
		this.template.setRetryListener(new EventListener());
	}

	/**
	 * Run a synchronous operation, retrying transient failures within the budget.
	 * @param <T> the result type
	 * @param cache the cache name
	 * @param operation the operation
	 * @param action the operation itself
	 * @return its result
	 * @throws RuntimeException the last failure when retries did not help, or the first
	 * non-transient one
	 */
	<T extends @Nullable Object> T call(String cache, CacheOperation operation, Supplier<T> action) {
		if (operation.failsFastWhileUnavailable() && this.unavailable.get()) {
			T result = action.get();
			available();
			return result;
		}
		try {
			T result = this.template.execute(new CacheCall<>(cache, operation, action));
			available();
			return result;
		}
		catch (RetryException ex) {
			throw asRuntimeException(ex.getCause());
		}
	}

	/**
	 * Run an asynchronous operation, retrying transient failures within the budget with
	 * the same policy as {@link #call}.
	 * @param <T> the result type
	 * @param cache the cache name
	 * @param operation the operation
	 * @param action starts one attempt
	 * @return the result of the first successful attempt, or the last failure
	 */
	<T extends @Nullable Object> CompletableFuture<T> callAsync(String cache, CacheOperation operation,
			Supplier<CompletableFuture<T>> action) {
		CompletableFuture<T> result = new CompletableFuture<>();
		boolean singleAttempt = operation.failsFastWhileUnavailable() && this.unavailable.get();
		new AsyncCall<>(cache, operation, action, result, singleAttempt).attempt();
		return result;
	}

	private void available() {
		if (this.unavailable.compareAndSet(true, false)) {
			logger.info("redis-ha: Redis answers cache operations again; transient failures are retried again");
		}
	}

	private void exhausted(String cache, CacheOperation operation, Throwable failure) {
		this.events.exhausted(cache, operation);
		if (this.unavailable.compareAndSet(false, true)) {
			logger
				.warn("redis-ha: cache '" + cache + "' " + operation.tag() + " still failed after the retry budget of "
						+ this.policy.getTimeout().toMillis() + "ms (" + RedisFailures.describe(failure)
						+ "); until Redis answers again, cache reads and writes make a single attempt");
		}
	}

	private static RuntimeException asRuntimeException(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new UndeclaredThrowableException(failure);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * One synchronous cache operation; carries its cache and operation to the listener.
	 */
	private record CacheCall<T extends @Nullable Object>(String cache, CacheOperation operation,
			Supplier<T> action) implements Retryable<T> {

		@Override
		public T execute() {
			return this.action.get();
		}

		@Override
		public String getName() {
			return "redis-ha cache '" + this.cache + "' " + this.operation.tag();
		}

	}

	private final class EventListener implements RetryListener {

		@Override
		public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
			CacheCall<?> call = (CacheCall<?>) retryable;
			CacheRetries.this.events.retried(call.cache(), call.operation());
		}

		@Override
		public void onRetryPolicyExhaustion(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
			ended(retryable, exception);
		}

		@Override
		public void onRetryPolicyTimeout(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
			ended(retryable, exception);
		}

		private void ended(Retryable<?> retryable, RetryException exception) {
			// the template also ends here when the first failure was not worth a retry
			if (RedisFailures.isTransient(exception.getCause())) {
				CacheCall<?> call = (CacheCall<?>) retryable;
				exhausted(call.cache(), call.operation(), exception.getCause());
			}
		}

	}

	/**
	 * One asynchronous cache operation: the loop of {@link RetryTemplate}, with the same
	 * policy, on futures instead of a sleeping thread.
	 */
	private final class AsyncCall<T extends @Nullable Object> {

		private final String cache;

		private final CacheOperation operation;

		private final Supplier<CompletableFuture<T>> action;

		private final CompletableFuture<T> result;

		private final boolean singleAttempt;

		private final long start = System.nanoTime();

		private final BackOffExecution backOff = CacheRetries.this.policy.getBackOff().start();

		AsyncCall(String cache, CacheOperation operation, Supplier<CompletableFuture<T>> action,
				CompletableFuture<T> result, boolean singleAttempt) {
			this.cache = cache;
			this.operation = operation;
			this.action = action;
			this.result = result;
			this.singleAttempt = singleAttempt;
		}

		void attempt() {
			CompletableFuture<T> attempt;
			try {
				attempt = this.action.get();
			}
			catch (RuntimeException ex) {
				attempt = CompletableFuture.failedFuture(ex);
			}
			attempt.whenComplete(this::completed);
		}

		private void completed(@Nullable T value, @Nullable Throwable failure) {
			if (failure == null) {
				available();
				this.result.complete(value);
				return;
			}
			Throwable cause = unwrap(failure);
			if (this.singleAttempt || !CacheRetries.this.policy.shouldRetry(cause)) {
				this.result.completeExceptionally(cause);
				return;
			}
			long delay = this.backOff.nextBackOff();
			long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.start);
			if (delay == BackOffExecution.STOP || elapsed + delay >= CacheRetries.this.policy.getTimeout().toMillis()) {
				exhausted(this.cache, this.operation, cause);
				this.result.completeExceptionally(cause);
				return;
			}
			CacheRetries.this.events.retried(this.cache, this.operation);
			CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::attempt);
		}

	}

}
