package io.github.redisha.testsupport;

import io.github.redisha.test.TlsFiles;

/**
 * Environment variables that make an application trust a test certificate (e.g. the test
 * kit's {@link TlsFiles#createSelfSigned self-signed one}) through a Spring Boot SSL
 * bundle.
 */
public final class SslBundleEnvironment {

	private SslBundleEnvironment() {
	}

	/**
	 * Environment variables that make Spring Boot trust the certificate: an SSL bundle
	 * named {@code redis} used by Spring Data Redis.
	 * @param files the certificate
	 * @return {@code SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE} and
	 * {@code SPRING_DATA_REDIS_SSL_BUNDLE}
	 */
	public static String[] trusting(TlsFiles files) {
		return new String[] { "SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE", "file:" + files.caCertificate(),
				"SPRING_DATA_REDIS_SSL_BUNDLE", "redis" };
	}

}
