package io.github.redisha.testsupport;

import io.github.redisha.test.TlsFiles;

/**
 * How an application trusts the test kit's self-signed certificate ({@link TlsFiles#createSelfSigned}).
 */
public final class SelfSignedCertificate {

	private SelfSignedCertificate() {
	}

	/**
	 * Environment variables that make Spring Boot trust the certificate: an SSL bundle named {@code redis} used by
	 * Spring Data Redis.
	 * @param files the certificate
	 * @return {@code SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE} and {@code SPRING_DATA_REDIS_SSL_BUNDLE}
	 */
	public static String[] trustedThroughSslBundle(TlsFiles files) {
		return new String[] { "SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE", "file:" + files.caCertificate(),
				"SPRING_DATA_REDIS_SSL_BUNDLE", "redis" };
	}

}
