package io.github.redisha.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.redisha.test.internal.Backends;

/**
 * A single standalone {@code redis-server} started for a test. Obtain one with
 * {@link RedisTopologies#standalone()} or the {@link RedisStandalone @RedisStandalone}
 * JUnit annotation.
 *
 * <p>
 * {@link #close()} ends the process and deletes its temporary directory; it is
 * idempotent.
 *
 * @author redis-ha
 */
public interface StandaloneRedis extends AutoCloseable {

	/**
	 * The server.
	 * @return the node handle, for its address and the fault operations
	 */
	RedisNode node();

	/**
	 * The password ({@code requirepass}) of the server.
	 * @return the password, or {@code null} when none is set
	 */
	String password();

	/**
	 * Environment variables describing this server for an application under test:
	 * {@code REDIS_SENTINEL_ENABLED=false}, {@code REDIS_HOST}, {@code REDIS_PORT} and,
	 * when set, {@code REDIS_PASSWORD}; with {@link Builder#tls(TlsFiles) TLS}
	 * {@code REDIS_PORT} is the TLS port and {@code REDIS_SSL=true} is added.
	 * @return an unmodifiable, ordered map
	 */
	Map<String, String> environment();

	/**
	 * Ends the server process (by its pid) and deletes its temporary directory.
	 * Idempotent; never throws.
	 */
	@Override
	void close();

	/**
	 * Immutable description of a standalone server to start; what a backend needs.
	 *
	 * @param password the {@code requirepass}, or {@code null} for none
	 * @param extraServerConfig additional {@code redis.conf} lines
	 * @param startupTimeout how long {@code start()} may take at most
	 * @param tls the TLS files when the server speaks TLS, else {@code null}
	 */
	record Spec(String password, List<String> extraServerConfig, Duration startupTimeout, TlsFiles tls) {

		/**
		 * Validates and copies.
		 * @param password the password or {@code null}
		 * @param extraServerConfig extra config lines
		 * @param startupTimeout startup deadline
		 * @param tls TLS files, or {@code null} for plaintext only
		 */
		public Spec {
			password = Specs.emptyToNull(password);
			extraServerConfig = Specs.configLines(extraServerConfig);
			Specs.positive(startupTimeout, "startupTimeout");
		}

	}

	/**
	 * Builder for a {@link StandaloneRedis}; obtain it from
	 * {@link RedisTopologies#standalone()}.
	 */
	final class Builder {

		private String password;

		private final List<String> extraServerConfig = new ArrayList<>();

		private Duration startupTimeout = Duration.ofSeconds(30);

		private Backend backend = Backend.NATIVE;

		private String image;

		private TlsFiles tls;

		Builder() {
		}

		/**
		 * Makes the server also serve TLS on a port of its own
		 * ({@link RedisNode#tlsPort()}), which {@link StandaloneRedis#environment()} then
		 * names (with {@code REDIS_SSL=true}); the plaintext {@link RedisNode#port()}
		 * stays for the kit's own checks. Native backend only. Default: no TLS.
		 * @param files the certificate, key and CA certificate
		 * @return this builder
		 */
		public Builder tls(TlsFiles files) {
			this.tls = files;
			return this;
		}

		/**
		 * Where the server runs. Default: {@link Backend#NATIVE} (a local process).
		 * @param backend the backend
		 * @return this builder
		 */
		public Builder backend(Backend backend) {
			this.backend = Objects.requireNonNull(backend, "backend");
			return this;
		}

		/**
		 * The Docker image for {@link Backend#TESTCONTAINERS}; it must have
		 * {@code redis-server} on its {@code PATH}. Default: the system property
		 * {@code redisha.test.redis-image}, else the environment variable
		 * {@code REDISHA_TEST_REDIS_IMAGE}, else {@code redis:7.2}.
		 * @param image the image name, e.g. {@code redis:7.4}
		 * @return this builder
		 */
		public Builder image(String image) {
			this.image = Specs.emptyToNull(image);
			return this;
		}

		/**
		 * Sets the server password ({@code requirepass}). Default: none.
		 * @param password the password; {@code null} or empty for none
		 * @return this builder
		 */
		public Builder password(String password) {
			this.password = password;
			return this;
		}

		/**
		 * Adds lines to the server's {@code redis.conf}, e.g. {@code "maxmemory 10mb"}.
		 * @param lines configuration lines
		 * @return this builder
		 */
		public Builder extraServerConfig(String... lines) {
			this.extraServerConfig.addAll(Arrays.asList(lines));
			return this;
		}

		/**
		 * How long {@link #start()} may take at most. Default: 30 s.
		 * @param timeout the deadline
		 * @return this builder
		 */
		public Builder startupTimeout(Duration timeout) {
			this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * The immutable description of what {@link #start()} starts.
		 * @return the spec
		 */
		public Spec spec() {
			return new Spec(this.password, this.extraServerConfig, this.startupTimeout, this.tls);
		}

		/**
		 * Starts the server on a free loopback port and returns once it answers
		 * {@code PING}.
		 * @return the running server; close it when done
		 * @throws RedisTopologyException if the binary (native backend) or Docker
		 * (Testcontainers backend) is missing, or the server does not come up
		 * @throws IllegalArgumentException when a setting is invalid, e.g. an image for
		 * the native backend
		 */
		public StandaloneRedis start() {
			if (this.tls != null && this.backend != Backend.NATIVE) {
				throw new IllegalArgumentException("tls(...) is supported on Backend.NATIVE only");
			}
			return Backends.startStandalone(spec(), this.backend, this.image);
		}

	}

}
