package io.github.redisha.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The PEM files of a topology that speaks TLS: every node serves TLS with
 * {@code certificate} and {@code key} on a port of its own, and the nodes replicate and
 * talk Sentinel to each other over TLS, trusting {@code caCertificate}. The certificate
 * must be valid for {@code 127.0.0.1} (an IP subject alternative name), since that is the
 * address Sentinel hands out and clients verify. Clients are not asked for certificates.
 *
 * @param certificate the server certificate (PEM)
 * @param key its private key (PEM, not encrypted)
 * @param caCertificate the CA certificate the nodes trust (PEM); the certificate itself
 * when it is self-signed
 * @see SentinelTopology.Builder#tls(TlsFiles)
 * @author redis-ha
 */
public record TlsFiles(Path certificate, Path key, Path caCertificate) {

	/**
	 * Validates that the files exist.
	 * @param certificate the server certificate
	 * @param key its private key
	 * @param caCertificate the CA certificate
	 */
	public TlsFiles {
		certificate = readable(certificate, "certificate");
		key = readable(key, "key");
		caCertificate = readable(caCertificate, "caCertificate");
	}

	/**
	 * A self-signed certificate, which is its own CA.
	 * @param certificate the server certificate
	 * @param key its private key
	 * @return the files
	 */
	public static TlsFiles selfSigned(Path certificate, Path key) {
		return new TlsFiles(certificate, key, certificate);
	}

	/**
	 * Makes a throwaway self-signed certificate for {@code 127.0.0.1} and
	 * {@code localhost} (RSA 2048, valid for one day) with the {@code openssl} command
	 * line, writing {@code redis.crt} and {@code redis.key} to {@code directory}.
	 * @param directory an existing directory, e.g. a JUnit {@code @TempDir}
	 * @return the files, the certificate being its own CA
	 * @throws RedisTopologyException when {@code openssl} is missing or fails
	 */
	public static TlsFiles createSelfSigned(Path directory) {
		Path key = directory.resolve("redis.key");
		Path certificate = directory.resolve("redis.crt");
		try {
			Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
					"1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout",
					key.toString(), "-out", certificate.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
				throw new RedisTopologyException("openssl could not make a test certificate: " + output.trim());
			}
		}
		catch (IOException ex) {
			throw new RedisTopologyException(
					"Making a test certificate needs the openssl command (Debian/Ubuntu: apt-get install -y openssl)",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisTopologyException("Interrupted while making a test certificate", ex);
		}
		return selfSigned(certificate, key);
	}

	private static Path readable(Path file, String name) {
		Objects.requireNonNull(file, name);
		if (!Files.isReadable(file)) {
			throw new IllegalArgumentException(name + " " + file + " is not a readable file");
		}
		return file.toAbsolutePath();
	}

}
