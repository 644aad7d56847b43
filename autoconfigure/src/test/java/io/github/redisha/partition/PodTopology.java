package io.github.redisha.partition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.redisha.test.partition.NetworkNamespace;
import io.github.redisha.test.partition.Party;

/**
 * A Sentinel topology laid out like a StatefulSet on Kubernetes, inside a
 * {@link NetworkNamespace}: three pods {@code redis-node-0..2}, each an IP of its own
 * ({@code 127.0.0.x}) with a Redis on 6379 and a Sentinel on 26379 that announce the
 * pod's name ({@code replica-announce-ip}, {@code sentinel announce-ip},
 * {@code announce-hostnames}, {@code resolve-hostnames}), the names in the namespace's
 * own hosts file or served by a DNS server in the namespace.
 * {@link #restartOnNewAddress(int)} moves a pod to a new IP under its name, as a
 * rescheduled pod comes back.
 */
final class PodTopology {

	static final String MASTER_NAME = "mymaster";

	static final int REDIS_PORT = 6379;

	static final int SENTINEL_PORT = 26379;

	private final NetworkNamespace namespace;

	private final Path dir;

	private final List<Pod> pods = new ArrayList<>();

	private final List<Process> processes = new ArrayList<>();

	private final Party checker;

	private int nextAddress = 11;

	/**
	 * Starts the pods.
	 * @param dns whether the names are served by DNS (dnsmasq in the namespace, TTL 1 s)
	 * instead of the hosts file
	 */
	PodTopology(NetworkNamespace namespace, Path dir, boolean dns) throws IOException {
		this.namespace = namespace;
		this.dir = dir;
		// Sentinel checks its config file with access(2): directories searchable by all
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		if (dns) {
			namespace.serveNamesByDns(Files.createDirectories(dir.resolve("dns")).resolve("records"));
		}
		for (int i = 0; i < 3; i++) {
			Pod pod = new Pod(i, newAddress(), namespace.party("redis-node-" + i, REDIS_PORT),
					namespace.party("sentinel-" + i, SENTINEL_PORT));
			this.pods.add(pod);
			namespace.host(pod.name(), pod.address);
		}
		for (Pod pod : this.pods) {
			pod.writeConfigs((pod.index == 0) ? null : name(0));
			pod.start();
		}
		this.checker = namespace.party("checker");
	}

	static String name(int pod) {
		return "redis-node-" + pod;
	}

	String sentinelAddresses() {
		return String.join(",", this.pods.stream().map((pod) -> pod.name() + ":" + SENTINEL_PORT).toList());
	}

	/** Every server process started, to check that none is left behind. */
	List<Process> processes() {
		return this.processes;
	}

	String address(int pod) {
		return this.pods.get(pod).address;
	}

	/** SIGKILL to the pod's Redis (its Sentinel keeps running). */
	void killRedis(int pod) throws InterruptedException {
		Process redis = this.pods.get(pod).redis;
		redis.destroyForcibly();
		redis.waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * The pod is deleted (its Redis and Sentinel get SIGTERM) and comes back under its
	 * name on a new IP, the hosts file updated. Like the start script of a Helm chart,
	 * its Redis starts as a replica of the master the Sentinels name, unless that is
	 * itself.
	 * @param pod the pod's index
	 * @return the pod's new address
	 */
	String restartOnNewAddress(int pod) throws IOException, InterruptedException {
		Pod moved = this.pods.get(pod);
		moved.stop();
		String master = agreedMaster();
		String address = newAddress();
		this.namespace.host(moved.name(), address);
		moved.address = address;
		moved.rewriteConfigs((master == null || master.equals(moved.name())) ? null : master);
		moved.start();
		return address;
	}

	/** The master name every reachable Sentinel gives, or null while they disagree. */
	String agreedMaster() {
		String agreed = null;
		for (Pod pod : this.pods) {
			if (!pod.sentinel.isAlive()) {
				continue;
			}
			String[] answer = cli(pod.name(), SENTINEL_PORT, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)
				.split("\n");
			if (answer.length < 2 || (agreed != null && !agreed.equals(answer[0].trim()))) {
				return null;
			}
			agreed = answer[0].trim();
		}
		return agreed;
	}

	/**
	 * Whether every Sentinel names {@code master}, it has {@code replicas} replicas in
	 * sync, and every Sentinel sees them and the other Sentinels up.
	 */
	boolean isHealthyWithMaster(String master, int replicas) {
		String replication = cli(master, REDIS_PORT, "INFO", "replication");
		// every replica streaming (state=online), not still loading a full resync: a
		// master
		// killed while a replica resyncs loses what that replica had not yet received
		if (!master.equals(agreedMaster()) || !replication.contains("connected_slaves:" + replicas)
				|| replication.lines()
					.filter((line) -> line.matches("slave\\d+:.*"))
					.anyMatch((line) -> !line.contains("state=online"))) {
			return false;
		}
		for (Pod pod : this.pods) {
			String seen = cli(pod.name(), SENTINEL_PORT, "SENTINEL", "REPLICAS", MASTER_NAME);
			String others = cli(pod.name(), SENTINEL_PORT, "SENTINEL", "SENTINELS", MASTER_NAME);
			if (!allUp(seen, replicas) || !allUp(others, 2)) {
				return false;
			}
		}
		return true;
	}

	// a SENTINEL REPLICAS / SENTINELS answer: this many entries, none down or unreachable
	private static boolean allUp(String answer, int entries) {
		return answer.lines().filter("name"::equals).count() == entries && !answer.contains("s_down")
				&& !answer.contains("disconnected");
	}

	/**
	 * What the servers say and logged last, for a failure message.
	 * @return the description
	 */
	String describe() throws IOException {
		StringBuilder text = new StringBuilder();
		for (Pod pod : this.pods) {
			text.append("\n--- ").append(pod.name()).append(" at ").append(pod.address).append(": ");
			text.append(cli(pod.name(), REDIS_PORT, "ROLE").replace('\n', ' '));
			text.append("\n  sentinel says: ")
				.append(cli(pod.name(), SENTINEL_PORT, "SENTINEL", "MASTER", MASTER_NAME).replace('\n', ' '));
			for (Path log : List.of(pod.redisDir.resolve("stdout.log"), pod.sentinelDir.resolve("stdout.log"))) {
				List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
				text.append("\n  ").append(log.getFileName()).append(": ");
				lines.subList(Math.max(0, lines.size() - 8), lines.size())
					.forEach((line) -> text.append("\n    ").append(line));
			}
		}
		return text.toString();
	}

	/** Sets a replica's {@code replica-priority} (0: never promoted). */
	void replicaPriority(int pod, int priority) {
		cli(name(pod), REDIS_PORT, "CONFIG", "SET", "replica-priority", Integer.toString(priority));
	}

	/** How many of the keys exist on the node. */
	long existing(String node, List<String> keys) {
		long found = 0;
		for (int from = 0; from < keys.size(); from += 500) {
			List<String> args = new ArrayList<>(List.of("EXISTS"));
			args.addAll(keys.subList(from, Math.min(keys.size(), from + 500)));
			found += Long.parseLong(cli(node, REDIS_PORT, args.toArray(String[]::new)).trim());
		}
		return found;
	}

	/** One {@code redis-cli} command as the checker, given 2 s; empty when it failed. */
	String cli(String host, int port, String... args) {
		List<String> command = new ArrayList<>(List.of("redis-cli", "-h", host, "-p", Integer.toString(port)));
		command.addAll(List.of(args));
		return this.namespace.run(this.checker, Duration.ofSeconds(2), command).orElse("");
	}

	private String newAddress() {
		return "127.0.0." + this.nextAddress++;
	}

	private final class Pod {

		private final int index;

		private final Party redisParty;

		private final Party sentinelParty;

		private final Path redisDir;

		private final Path sentinelDir;

		private String address;

		private Process redis;

		private Process sentinel;

		Pod(int index, String address, Party redisParty, Party sentinelParty) throws IOException {
			this.index = index;
			this.address = address;
			this.redisParty = redisParty;
			this.sentinelParty = sentinelParty;
			this.redisDir = Files.createDirectories(PodTopology.this.dir.resolve(name() + "-redis"));
			this.sentinelDir = Files.createDirectories(PodTopology.this.dir.resolve(name() + "-sentinel"));
		}

		String name() {
			return PodTopology.name(this.index);
		}

		void writeConfigs(String replicaOf) throws IOException {
			List<String> redisConfig = new ArrayList<>(List.of("port " + REDIS_PORT, "bind " + this.address,
					"protected-mode no", "save \"\"", "appendonly no", "dir " + this.redisDir,
					"replica-announce-ip " + name(), "repl-diskless-sync-delay 0"));
			if (replicaOf != null) {
				redisConfig.add("replicaof " + replicaOf + " " + REDIS_PORT);
			}
			Files.write(this.redisDir.resolve("redis.conf"), redisConfig);
			Files.write(this.sentinelDir.resolve("sentinel.conf"),
					List.of("port " + SENTINEL_PORT, "bind " + this.address, "protected-mode no",
							"dir " + this.sentinelDir, "sentinel resolve-hostnames yes",
							"sentinel announce-hostnames yes", "sentinel announce-ip " + name(),
							"sentinel monitor " + MASTER_NAME + " " + PodTopology.name(0) + " " + REDIS_PORT + " 2",
							"sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
							"sentinel failover-timeout " + MASTER_NAME + " 10000"));
		}

		/** The pod's new IP in both configs (as rewritten by the servers), its role. */
		void rewriteConfigs(String replicaOf) throws IOException {
			Path redisConf = this.redisDir.resolve("redis.conf");
			List<String> redisConfig = new ArrayList<>(Files.readAllLines(redisConf)
				.stream()
				.filter((line) -> !line.startsWith("replicaof ") && !line.startsWith("slaveof "))
				.map(this::rebound)
				.toList());
			if (replicaOf != null) {
				redisConfig.add("replicaof " + replicaOf + " " + REDIS_PORT);
			}
			Files.write(redisConf, redisConfig);
			Path sentinelConf = this.sentinelDir.resolve("sentinel.conf");
			Files.write(sentinelConf, Files.readAllLines(sentinelConf).stream().map(this::rebound).toList());
		}

		private String rebound(String line) {
			return line.startsWith("bind ") ? "bind " + this.address : line;
		}

		void start() {
			this.redis = PodTopology.this.namespace.start(this.redisParty, this.redisDir,
					List.of("redis-server", this.redisDir.resolve("redis.conf").toString()));
			this.sentinel = PodTopology.this.namespace.start(this.sentinelParty, this.sentinelDir,
					List.of("redis-sentinel", this.sentinelDir.resolve("sentinel.conf").toString()));
			PodTopology.this.processes.add(this.redis);
			PodTopology.this.processes.add(this.sentinel);
		}

		/** SIGTERM to both, as a deleted pod's containers get, and wait. */
		void stop() throws InterruptedException {
			for (Process process : List.of(this.redis, this.sentinel)) {
				process.destroy();
				if (!process.waitFor(20, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
		}

	}

}
