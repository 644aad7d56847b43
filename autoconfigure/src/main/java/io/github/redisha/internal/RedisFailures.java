package io.github.redisha.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.netty.channel.ChannelException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Classifies failures reported by Lettuce. One place for the Redis error vocabulary, so
 * the startup check, retries and health agree on what a failure means.
 *
 * @author redis-ha
 */
public final class RedisFailures {

	/**
	 * Error replies with which Redis rejects a command before executing it, and that mean
	 * "not now, ask again": the node is a replica ({@code READONLY}), still loading its
	 * data set ({@code LOADING}), a replica whose link to the master is down and that
	 * does not serve stale data ({@code MASTERDOWN}), a master short of the replicas
	 * {@code min-replicas-to-write} asks for ({@code NOREPLICAS}), or, in Redis Cluster,
	 * a multi-key command on a slot being migrated ({@code TRYAGAIN}) or a cluster that
	 * has a slot range without a primary, between a primary's failure and its replica's
	 * promotion ({@code CLUSTERDOWN}). All are typical of a failover in progress; Redis
	 * checks each of them in {@code processCommand}, before the command runs, so sending
	 * the command again cannot execute it twice.
	 */
	private static final List<String> REJECTION_CODES = List.of("READONLY", "LOADING", "MASTERDOWN", "NOREPLICAS",
			"TRYAGAIN", "CLUSTERDOWN");

	/**
	 * Messages of plain {@link RedisException}s Lettuce raises for commands caught by a
	 * disconnect.
	 */
	private static final List<String> DISCONNECT_MESSAGES = List.of("Connection closed", "Connection disconnected",
			"Connection is closed", "Currently not connected");

	private RedisFailures() {
	}

	/**
	 * Whether the failure is transient: the same command may well succeed when retried
	 * shortly, typically because a failover is in progress. True for a lost or refused
	 * connection, a command timeout, and the error replies {@code READONLY},
	 * {@code LOADING}, {@code MASTERDOWN}, {@code NOREPLICAS} and {@code TRYAGAIN}. False
	 * for everything else, in particular rejected credentials ({@code NOAUTH},
	 * {@code WRONGPASS}), {@code WRONGTYPE} and other error replies, serialization errors
	 * and interrupted commands.
	 * @param failure the failure, as thrown by Lettuce or translated by Spring Data Redis
	 * @return whether retrying may help
	 */
	public static boolean isTransient(Throwable failure) {
		if (isAuthFailure(failure)) {
			// a connection refused for bad credentials stays refused
			return false;
		}
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof RedisCommandInterruptedException || current instanceof InterruptedException) {
				return false;
			}
			if (current instanceof RedisCommandExecutionException reply) {
				return rejectionCode(reply.getMessage()) != null;
			}
			if (current instanceof RedisConnectionException || current instanceof RedisCommandTimeoutException
					|| current instanceof RedisConnectionFailureException || current instanceof QueryTimeoutException
					|| current instanceof TimeoutException || current instanceof IOException
					|| current instanceof ChannelException) {
				return true;
			}
			String message = current.getMessage();
			if (current.getClass() == RedisException.class && message != null
					&& DISCONNECT_MESSAGES.stream().anyMatch(message::startsWith)) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/**
	 * The code of an error reply with which Redis rejected a command without executing
	 * it, so that it is safe to send again: {@code READONLY}, {@code LOADING},
	 * {@code MASTERDOWN}, {@code NOREPLICAS}, {@code TRYAGAIN} or {@code CLUSTERDOWN}.
	 * @param errorReply the error reply as Lettuce reports it, e.g.
	 * {@code NOREPLICAS Not enough good replicas to write.}
	 * @return the code, or {@code null} for any other reply (which may have been
	 * executed)
	 */
	public static @Nullable String rejectionCode(@Nullable String errorReply) {
		if (errorReply == null) {
			return null;
		}
		int end = errorReply.indexOf(' ');
		String code = (end < 0) ? errorReply : errorReply.substring(0, end);
		return REJECTION_CODES.contains(code) ? code : null;
	}

	/**
	 * Whether the failure, or one of its causes, is Redis rejecting the credentials
	 * ({@code WRONGPASS}, {@code NOAUTH}, or an {@code AUTH} error).
	 * @param failure the failure
	 * @return whether it is an authentication failure
	 */
	public static boolean isAuthFailure(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = current.getMessage();
			if (message != null && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
					|| message.contains("invalid password") || message.contains("invalid username-password")
					|| (current instanceof RedisCommandExecutionException && message.startsWith("ERR AUTH")))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the failure, or one of its causes, is a Redis error reply starting with the
	 * given code, e.g. {@code READONLY} or {@code LOADING}.
	 * @param failure the failure
	 * @param code the error code
	 * @return whether a reply with that code is in the chain
	 */
	public static boolean hasErrorCode(Throwable failure, String code) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = current.getMessage();
			if (current instanceof RedisCommandExecutionException && message != null && message.startsWith(code)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the failure, or one of its causes, is a refused TCP connection: nothing
	 * listens on that address.
	 * @param failure the failure
	 * @return whether the connection was refused
	 */
	public static boolean isConnectionRefused(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the failure, or one of its causes, is a TLS error: most often a server
	 * certificate this JVM does not trust, or TLS spoken to a port that does not speak
	 * it.
	 * @param failure the failure
	 * @return whether TLS failed
	 */
	public static boolean isTlsFailure(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof SSLException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether the server accepted the connection and then dropped it (reset or closed)
	 * before answering, as a TLS port does to a client that does not speak TLS.
	 * @param failure the failure to inspect
	 * @return whether the connection was dropped
	 */
	public static boolean isConnectionDropped(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = current.getMessage();
			if (message != null && (message.contains("Connection reset")
					|| (current.getClass() == RedisException.class && message.startsWith("Connection closed")))) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/**
	 * Describe a failure by its innermost message, for log lines and error messages.
	 * Redis error replies and Lettuce connection errors never carry the password.
	 * @param failure the failure
	 * @return a one-line description
	 */
	public static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message != null) ? message : root.getClass().getSimpleName();
	}

}
