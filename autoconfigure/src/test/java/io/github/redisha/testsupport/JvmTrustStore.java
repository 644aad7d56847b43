package io.github.redisha.testsupport;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import io.github.redisha.test.TlsFiles;

/**
 * Makes a test certificate part of the JVM's default trust store, the way an operator
 * installs a CA into the JRE: a PKCS12 trust store named by
 * {@code javax.net.ssl.trustStore}, which the JDK re-reads whenever a trust manager is
 * initialised with the default store. {@link #close()} puts the previous system
 * properties back.
 */
public final class JvmTrustStore implements AutoCloseable {

	private static final String STORE = "javax.net.ssl.trustStore";

	private static final String TYPE = "javax.net.ssl.trustStoreType";

	private static final String PASSWORD = "javax.net.ssl.trustStorePassword";

	private final String previousStore;

	private final String previousType;

	private final String previousPassword;

	private JvmTrustStore() {
		this.previousStore = System.getProperty(STORE);
		this.previousType = System.getProperty(TYPE);
		this.previousPassword = System.getProperty(PASSWORD);
	}

	/**
	 * Trust the CA of {@code files} (and nothing else) through the JVM's default trust
	 * store.
	 * @param files the certificates
	 * @param directory where to write the trust store
	 * @return a handle that restores the previous trust store on close
	 * @throws Exception if the store cannot be written
	 */
	public static JvmTrustStore trusting(TlsFiles files, Path directory) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (InputStream in = Files.newInputStream(files.caCertificate())) {
			store.setCertificateEntry("redis-ha-test-ca",
					CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		Path file = directory.resolve("jvm-truststore.p12");
		char[] password = "changeit".toCharArray();
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, password);
		}
		JvmTrustStore handle = new JvmTrustStore();
		System.setProperty(STORE, file.toString());
		System.setProperty(TYPE, "PKCS12");
		System.setProperty(PASSWORD, new String(password));
		return handle;
	}

	@Override
	public void close() {
		restore(STORE, this.previousStore);
		restore(TYPE, this.previousType);
		restore(PASSWORD, this.previousPassword);
	}

	private static void restore(String key, String value) {
		if (value != null) {
			System.setProperty(key, value);
		}
		else {
			System.clearProperty(key);
		}
	}

}
