package io.github.redisha.test.partition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.internal.CrashCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private network namespace for partition tests: only a loopback interface, so nothing
 * inside can reach any other address. Each process started in it runs as the uid of its
 * {@link Party}; an iptables rule inside the namespace marks each connection with the uid
 * of the process that opened it, which is what lets a {@link Cut} drop exactly the
 * connections between two parties on the one loopback address.
 *
 * <p>
 * {@link #create()} checks the prerequisites first (root; {@code ip}, {@code iptables},
 * {@code setpriv}) and fails with one message naming what is missing. {@link #close()}
 * heals every cut, kills every process started here by its pid and deletes the namespace
 * by its name (its rules go with it); if the JVM dies first, the test kit's watchdog
 * kills the processes and deletes the namespace.
 *
 * @author redis-ha
 */
public final class NetworkNamespace implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(NetworkNamespace.class);

	/**
	 * Parties get uids from here on, one per party; no user account is needed for them.
	 */
	static final int FIRST_UID = 61000;

	private static final AtomicInteger sequence = new AtomicInteger();

	private final String name;

	private final PartyCommands commands;

	private final List<Party> parties = new ArrayList<>();

	private final List<Cut> cuts = new ArrayList<>();

	private final List<Process> processes = new ArrayList<>();

	private final HostsFile hosts;

	private boolean closed;

	private NetworkNamespace(String name) {
		this.name = name;
		this.commands = new PartyCommands(name);
		this.hosts = new HostsFile(name);
	}

	/**
	 * Creates a namespace named {@code redisha-<jvm pid>-<n>-<random>} with its loopback
	 * up.
	 * @return the namespace
	 * @throws RedisTopologyException when a prerequisite is missing or the namespace
	 * cannot be created
	 */
	public static NetworkNamespace create() {
		PartitionPrerequisites.check();
		String name = "redisha-" + ProcessHandle.current().pid() + "-" + sequence.incrementAndGet() + "-"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
		HostCommand.run(List.of("ip", "netns", "add", name));
		CrashCleanup.registerNamespace(name);
		NetworkNamespace namespace = new NetworkNamespace(name);
		try {
			namespace.exec(List.of("ip", "link", "set", "lo", "up"));
		}
		catch (RuntimeException ex) {
			namespace.close();
			throw ex;
		}
		logger.debug("Created network namespace {}", name);
		return namespace;
	}

	/**
	 * Whether a network namespace of this name exists on the host.
	 * @param name the name
	 * @return whether {@code ip netns list} shows it
	 */
	public static boolean exists(String name) {
		for (String line : HostCommand.run(List.of("ip", "netns", "list")).split("\n")) {
			if (line.split("\\s+")[0].equals(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The namespace's name, as {@code ip netns} knows it.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * A new party with a uid of its own; from now on every connection a process of it
	 * opens is marked as its.
	 * @param name a name for messages
	 * @param ports the TCP ports its processes listen on (none for a client)
	 * @return the party
	 */
	public synchronized Party party(String name, int... ports) {
		List<Integer> listening = new ArrayList<>();
		for (int port : ports) {
			listening.add(port);
		}
		Party party = new Party(name, FIRST_UID + this.parties.size(), listening);
		String uid = Integer.toString(party.uid());
		exec(List.of("iptables", "-t", "mangle", "-A", "OUTPUT", "-m", "owner", "--uid-owner", uid, "-m", "conntrack",
				"--ctstate", "NEW", "-j", "CONNMARK", "--set-mark", uid));
		this.parties.add(party);
		return party;
	}

	/**
	 * The command line that runs {@code command} inside this namespace as the party's uid
	 * (and gid, without supplementary groups), allowed to read any file
	 * ({@code CAP_DAC_READ_SEARCH}) but to write only what its uid owns. The process
	 * keeps the pid it is started with.
	 * @param party the party
	 * @param command the command
	 * @return the full command line
	 */
	public List<String> commandAs(Party party, List<String> command) {
		return this.commands.commandAs(party, command);
	}

	/**
	 * Starts a process inside this namespace as the party's uid, in {@code workDir}
	 * (which, with the files directly in it, is made the party's: a config file there may
	 * be rewritten, as Sentinel does), with its output appended to
	 * {@code workDir/stdout.log}. It is killed by its pid on {@link #close()}.
	 * @param party the party
	 * @param workDir the working directory, created if missing
	 * @param command the command
	 * @return the process
	 */
	public synchronized Process start(Party party, Path workDir, List<String> command) {
		Process process = this.commands.start(party, workDir, command);
		CrashCleanup.registerProcess(process.pid());
		this.processes.add(process);
		return process;
	}

	/**
	 * Runs a short command (e.g. {@code redis-cli}) inside this namespace as the party's
	 * uid and waits for it. A cut link makes a client hang: the command is ended after
	 * {@code timeout} (coreutils {@code timeout}).
	 * @param party the party
	 * @param timeout how long the command may take
	 * @param command the command
	 * @return what it printed (stdout and stderr), or empty when it failed or ran out of
	 * time
	 */
	public Optional<String> run(Party party, Duration timeout, List<String> command) {
		return this.commands.run(party, timeout, command);
	}

	/**
	 * Names an address in the namespace's own hosts file, which every process started
	 * here from then on sees as {@code /etc/hosts} ({@code ip netns exec} bind-mounts
	 * {@code /etc/netns/<name>/hosts}); a name given again moves to the new address, and
	 * processes already running see the change (the file is rewritten in place). The
	 * first call creates the file: call it before starting the processes that should see
	 * it.
	 * @param name a host name
	 * @param address an address, e.g. {@code 127.0.0.11} (the namespace's loopback
	 * answers on all of {@code 127.0.0.0/8})
	 */
	public synchronized void host(String name, String address) {
		if (!this.hosts.exists()) {
			this.hosts.create();
		}
		this.hosts.put(name, address);
	}

	/**
	 * Serves the names of {@link #host(String, String)} by DNS instead of the hosts file,
	 * as CoreDNS serves a headless Service's records: Debian's {@code dnsmasq}
	 * ({@code apt-get install -y dnsmasq-base}) runs inside the namespace on
	 * {@code 127.0.0.1:53}, answering only from its records file (TTL 1 s), and the
	 * namespace's {@code /etc/resolv.conf} points at it. Call it before starting the
	 * processes that should use it; {@link #close()} kills it by its pid.
	 * @param records where dnsmasq's records file (and its log, beside it) go
	 */
	public synchronized void serveNamesByDns(Path records) {
		if (!this.hosts.exists()) {
			this.hosts.create();
		}
		NamespaceDns dns = NamespaceDns.start(this.name, records, this.hosts.resolvConf());
		CrashCleanup.registerProcess(dns.process().pid());
		this.processes.add(dns.process());
		this.hosts.servedBy(dns);
		dns.awaitStarted();
	}

	/**
	 * Every process started through this namespace so far (a DNS server's too), e.g. to
	 * check after {@link #close()} that none is left.
	 * @return the processes
	 */
	public synchronized List<Process> processes() {
		return List.copyOf(this.processes);
	}

	/**
	 * The namespace's own hosts file ({@code /etc/netns/<name>/hosts}), e.g. to hand to a
	 * DNS server.
	 * @return its path, whether it exists yet or not
	 */
	public Path hostsFile() {
		return this.hosts.path();
	}

	/**
	 * Cuts the link between two parties.
	 * @param one a party
	 * @param other the other party
	 * @return the cut, to {@link Cut#heal() heal}
	 */
	public Cut cut(Party one, Party other) {
		return cut(List.of(one), List.of(other));
	}

	/**
	 * Cuts every link between one group of parties and another (links within a group
	 * stay).
	 * @param one a group
	 * @param other the other group
	 * @return the cut, to {@link Cut#heal() heal}
	 */
	public synchronized Cut cut(Collection<Party> one, Collection<Party> other) {
		Cut cut = new Cut(this, one, other);
		this.cuts.add(cut);
		cut.apply();
		return cut;
	}

	synchronized void healed(Cut cut) {
		this.cuts.remove(cut);
	}

	void iptables(String operation, List<String> rule) {
		List<String> command = new ArrayList<>(List.of("iptables", operation));
		command.addAll(rule);
		exec(command);
	}

	private String exec(List<String> command) {
		List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", this.name));
		line.addAll(command);
		return HostCommand.run(line);
	}

	/**
	 * The rules of the filter table inside the namespace, as {@code iptables -S} prints
	 * them.
	 * @return the rules
	 */
	public String filterRules() {
		return exec(List.of("iptables", "-S"));
	}

	/**
	 * Heals every cut, kills every process started here by its pid and waits for it, and
	 * deletes the namespace. Idempotent; never throws (failures are logged).
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		for (Cut cut : new ArrayList<>(this.cuts)) {
			quietly(cut::heal, "heal " + cut);
		}
		for (Process process : this.processes) {
			quietly(() -> {
				process.destroyForcibly();
				if (process.waitFor(10, TimeUnit.SECONDS)) {
					CrashCleanup.unregisterProcess(process.pid());
				}
			}, "kill pid " + process.pid());
		}
		quietly(() -> HostCommand.run(List.of("ip", "netns", "del", this.name)), "delete namespace " + this.name);
		quietly(this.hosts::delete, "delete " + this.hosts.path());
	}

	private static void quietly(Step step, String what) {
		try {
			step.run();
		}
		catch (Exception ex) {
			logger.warn("Could not {}", what, ex);
		}
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

}
