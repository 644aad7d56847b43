package io.github.redisha.internal;

import java.io.IOException;
import java.net.ConnectException;

import javax.net.ssl.SSLHandshakeException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are worth a retry, as Lettuce raises them and as Spring Data Redis
 * translates them.
 */
class RedisFailuresTests {

	@Test
	void lostConnectionsAndTimeoutsAreTransient() {
		assertThat(RedisFailures.isTransient(new RedisConnectionException("Unable to connect to 127.0.0.1:6390",
				new ConnectException("Connection refused"))))
			.isTrue();
		assertThat(RedisFailures.isTransient(new RedisConnectionFailureException("Redis connection failed",
				new RedisConnectionException("Unable to connect"))))
			.isTrue();
		assertThat(RedisFailures.isTransient(new QueryTimeoutException("Redis command timed out",
				new RedisCommandTimeoutException("Command timed out after 1 second(s)"))))
			.isTrue();
		assertThat(RedisFailures
			.isTransient(new RedisSystemException("Redis exception", new RedisException("Connection closed"))))
			.isTrue();
		assertThat(RedisFailures.isTransient(new RedisException("Currently not connected. Commands are rejected.")))
			.isTrue();
		assertThat(RedisFailures.isTransient(new RedisSystemException("Redis exception",
				new RedisException("io", new IOException("Connection reset by peer")))))
			.isTrue();
	}

	@Test
	void failoverErrorRepliesAreTransient() {
		for (String reply : new String[] { "READONLY You can't write against a read only replica.",
				"LOADING Redis is loading the dataset in memory",
				"MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
				"NOREPLICAS Not enough good replicas to write.",
				"TRYAGAIN Multiple keys request during rehashing of slot", "CLUSTERDOWN The cluster is down" }) {
			assertThat(RedisFailures
				.isTransient(new RedisSystemException("Error in execution", new RedisCommandExecutionException(reply))))
				.as(reply)
				.isTrue();
		}
	}

	@Test
	void repliesRejectingACommandBeforeItRunsNameTheirCode() {
		assertThat(RedisFailures.rejectionCode("READONLY You can't write against a read only replica."))
			.isEqualTo("READONLY");
		assertThat(RedisFailures.rejectionCode("NOREPLICAS Not enough good replicas to write."))
			.isEqualTo("NOREPLICAS");
		assertThat(RedisFailures.rejectionCode("LOADING Redis is loading the dataset in memory")).isEqualTo("LOADING");
		assertThat(RedisFailures
			.rejectionCode("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."))
			.isEqualTo("MASTERDOWN");
		assertThat(RedisFailures.rejectionCode("TRYAGAIN Multiple keys request during rehashing of slot"))
			.isEqualTo("TRYAGAIN");
		assertThat(RedisFailures.rejectionCode("CLUSTERDOWN The cluster is down")).isEqualTo("CLUSTERDOWN");
		assertThat(RedisFailures.rejectionCode("READONLY")).isEqualTo("READONLY");
	}

	@Test
	void repliesOfCommandsThatMayHaveRunAreNoRejection() {
		// a script or transaction may have written before failing; a timeout says nothing
		// about execution
		assertThat(RedisFailures.rejectionCode("ERR Error running script (call to f_1): @user_script:1: "
				+ "@user_script: 1: -NOREPLICAS Not enough good replicas to write."))
			.isNull();
		assertThat(RedisFailures.rejectionCode("EXECABORT Transaction discarded because of previous errors.")).isNull();
		assertThat(RedisFailures.rejectionCode("WRONGTYPE Operation against a key holding the wrong kind of value"))
			.isNull();
		assertThat(RedisFailures.rejectionCode("BUSY Redis is busy running a script.")).isNull();
		assertThat(RedisFailures.rejectionCode("READONLYX not a code")).isNull();
		assertThat(RedisFailures.rejectionCode("noreplicas lower case is not Redis")).isNull();
		assertThat(RedisFailures.rejectionCode("")).isNull();
		assertThat(RedisFailures.rejectionCode(null)).isNull();
	}

	@Test
	void otherFailuresAreNot() {
		assertThat(
				RedisFailures.isTransient(
						new RedisSystemException("Error in execution",
								new RedisCommandExecutionException(
										"WRONGTYPE Operation against a key holding the wrong kind of value"))))
			.isFalse();
		assertThat(RedisFailures.isTransient(new RedisConnectionFailureException("Redis connection failed",
				new RedisConnectionException("Unable to connect",
						new RedisCommandExecutionException("NOAUTH Authentication required.")))))
			.as("a connection refused for its credentials stays refused")
			.isFalse();
		assertThat(RedisFailures.isTransient(new RedisConnectionException("Unable to connect",
				new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."))))
			.isFalse();
		assertThat(RedisFailures.isTransient(new SerializationException("Cannot deserialize"))).isFalse();
		assertThat(RedisFailures.isTransient(new RedisCommandInterruptedException(new InterruptedException())))
			.isFalse();
		assertThat(RedisFailures.isTransient(new RedisException("Request queue size exceeded: 10"))).isFalse();
		assertThat(RedisFailures.isTransient(new IllegalArgumentException("a bug"))).isFalse();
	}

	@Test
	void tlsFailuresAreRecognisedAnywhereInTheChain() {
		assertThat(RedisFailures.isTlsFailure(new RedisConnectionException("Unable to connect to 127.0.0.1:6390",
				new SSLHandshakeException("PKIX path building failed"))))
			.isTrue();
		assertThat(RedisFailures.isTlsFailure(new RedisConnectionException("Unable to connect to 127.0.0.1:6390",
				new IOException("Connection reset"))))
			.isFalse();
	}

	@Test
	void aResetOrClosedConnectionIsADroppedOneButARefusedIsNot() {
		assertThat(RedisFailures.isConnectionDropped(
				new RedisConnectionException("Unable to connect", new IOException("Connection reset"))))
			.isTrue();
		assertThat(RedisFailures.isConnectionDropped(new RedisException("Connection closed prematurely"))).isTrue();
		assertThat(RedisFailures.isConnectionDropped(
				new RedisConnectionException("Unable to connect", new ConnectException("Connection refused"))))
			.isFalse();
	}

}
