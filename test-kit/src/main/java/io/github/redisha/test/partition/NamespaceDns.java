package io.github.redisha.test.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.redisha.test.RedisTopologyException;

/**
 * A DNS server for a namespace's names, as CoreDNS serves a headless Service: Debian's
 * {@code dnsmasq} inside the namespace on {@code 127.0.0.1:53}, answering only from its
 * own records file ({@code --no-resolv --no-hosts --addn-hosts}) with a TTL of 1 s, and
 * the namespace's {@code /etc/resolv.conf} ({@code /etc/netns/<namespace>/resolv.conf})
 * pointing at it. A changed record is reloaded with {@code SIGHUP}.
 *
 * @author redis-ha
 */
final class NamespaceDns {

	private final Path records;

	private final Process process;

	private NamespaceDns(Path records, Process process) {
		this.records = records;
		this.process = process;
	}

	static NamespaceDns start(String namespace, Path records, Path resolvConf) {
		try {
			Files.writeString(resolvConf, "nameserver 127.0.0.1\noptions timeout:1 attempts:2\n",
					StandardCharsets.US_ASCII);
			Files.writeString(records, "", StandardCharsets.US_ASCII);
			Process process = new ProcessBuilder("ip", "netns", "exec", namespace, "dnsmasq", "--keep-in-foreground",
					"--no-resolv", "--no-hosts", "--addn-hosts=" + records, "--local-ttl=1", "--neg-ttl=1",
					"--listen-address=127.0.0.1", "--bind-interfaces", "--port=53", "--user=root", "--pid-file=",
					"--log-facility=-")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(records.resolveSibling("dnsmasq.log").toFile()))
				.start();
			process.getOutputStream().close();
			return new NamespaceDns(records, process);
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not start dnsmasq (apt-get install -y dnsmasq-base) in " + namespace
					+ ": " + ex.getMessage(), ex);
		}
	}

	/** Waits (10 s at most) until dnsmasq logged that it started: it listens then. */
	void awaitStarted() {
		Path log = this.records.resolveSibling("dnsmasq.log");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		try {
			while (!(Files.exists(log) && Files.readString(log).contains("started, version"))) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new RedisTopologyException("dnsmasq did not start; its log: "
							+ (Files.exists(log) ? Files.readString(log).strip() : "(none)"));
				}
				TimeUnit.MILLISECONDS.sleep(20);
			}
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not read " + log, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisTopologyException("Interrupted while waiting for dnsmasq", ex);
		}
	}

	Process process() {
		return this.process;
	}

	/**
	 * Writes every record and has dnsmasq reload them.
	 * @param addresses the address of each name
	 */
	void publish(Map<String, String> addresses) {
		StringBuilder text = new StringBuilder();
		addresses.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
		try {
			Files.writeString(this.records, text, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new RedisTopologyException("Could not write " + this.records, ex);
		}
		if (!this.process.isAlive()) {
			throw new RedisTopologyException("dnsmasq has exited; see " + this.records.resolveSibling("dnsmasq.log"));
		}
		HostCommand.run(List.of("kill", "-HUP", Long.toString(this.process.pid())));
	}

}
