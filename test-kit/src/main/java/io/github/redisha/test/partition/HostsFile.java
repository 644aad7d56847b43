package io.github.redisha.test.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.internal.CrashCleanup;

/**
 * A namespace's own {@code /etc/hosts}: {@code /etc/netns/<namespace>/hosts}, which
 * {@code ip netns exec} bind-mounts over {@code /etc/hosts} for every process it starts.
 * The bind mount holds the file, not its name, so the file is always rewritten in place:
 * processes already running see every change.
 *
 * @author redis-ha
 */
final class HostsFile {

	private final Path dir;

	private final Path file;

	private final Map<String, String> addresses = new LinkedHashMap<>();

	private NamespaceDns dns;

	HostsFile(String namespace) {
		this.dir = Path.of("/etc/netns", namespace);
		this.file = this.dir.resolve("hosts");
	}

	/** Creates the file (localhost and the machine's own name only). */
	void create() {
		try {
			Files.createDirectories(this.dir);
			CrashCleanup.registerDirectory(this.dir);
			write();
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not create " + this.file, ex);
		}
	}

	boolean exists() {
		return Files.exists(this.dir);
	}

	Path path() {
		return this.file;
	}

	/**
	 * From now on the names go to this DNS server instead of the file.
	 * @param server the DNS server
	 */
	void servedBy(NamespaceDns server) {
		this.dns = server;
	}

	Path resolvConf() {
		return this.dir.resolve("resolv.conf");
	}

	/**
	 * Names an address, replacing what the name stood for before.
	 * @param name the host name
	 * @param address its address
	 */
	void put(String name, String address) {
		this.addresses.put(name, address);
		if (this.dns != null) {
			this.dns.publish(this.addresses);
			return;
		}
		try {
			write();
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not write " + this.file, ex);
		}
	}

	private void write() throws IOException {
		StringBuilder text = new StringBuilder("127.0.0.1 localhost ").append(machineName()).append('\n');
		Map<String, String> inFile = (this.dns != null) ? Map.of() : this.addresses;
		inFile.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
		// in place (no rename): the bind mounts of running processes follow the file
		Files.writeString(this.file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
	}

	/** Deletes the file and its directory. */
	void delete() throws IOException {
		Files.deleteIfExists(this.file);
		Files.deleteIfExists(resolvConf());
		Files.deleteIfExists(this.dir);
	}

	// a JVM asks for its own name at startup: without it in the file it would ask DNS
	private static String machineName() throws IOException {
		Path name = Path.of("/proc/sys/kernel/hostname");
		return Files.exists(name) ? Files.readString(name).trim() : "localhost";
	}

}
