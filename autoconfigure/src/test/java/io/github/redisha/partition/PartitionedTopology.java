package io.github.redisha.partition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.partition.Cut;
import io.github.redisha.test.partition.NetworkNamespace;
import io.github.redisha.test.partition.Party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Sentinel topology (1 master, 2 replicas, 3 Sentinels, {@code down-after-milliseconds}
 * 1000) inside a {@link NetworkNamespace}, every server a party of its own, plus a
 * {@code checker} party that asks the nodes with {@code redis-cli} for the test. Ports
 * are fixed: the namespace has a port space of its own.
 */
final class PartitionedTopology {

	static final String MASTER_NAME = "mymaster";

	static final int FIRST_DATA_PORT = 7000;

	static final int FIRST_SENTINEL_PORT = 17000;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final NetworkNamespace namespace;

	private final List<Party> dataNodes = new ArrayList<>();

	private final List<Party> sentinels = new ArrayList<>();

	private final Party checker;

	private final List<Process> processes = new ArrayList<>();

	PartitionedTopology(NetworkNamespace namespace, Path dir) throws IOException {
		this.namespace = namespace;
		// Sentinel checks with access(2), which ignores capabilities for a non-root uid:
		// its config file's
		// directories must be searchable by everyone
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		for (int i = 0; i < 3; i++) {
			int port = FIRST_DATA_PORT + i;
			Party node = namespace.party("node-" + i, port);
			Path nodeDir = Files.createDirectories(dir.resolve("node-" + i));
			List<String> config = new ArrayList<>(
					List.of("port " + port, "bind 127.0.0.1", "protected-mode no", "save \"\"", "appendonly no",
							"dir " + nodeDir, "replica-announce-ip 127.0.0.1", "repl-diskless-sync-delay 0"));
			if (i > 0) {
				config.add("replicaof 127.0.0.1 " + FIRST_DATA_PORT);
			}
			Files.write(nodeDir.resolve("redis.conf"), config);
			this.processes
				.add(namespace.start(node, nodeDir, List.of("redis-server", nodeDir.resolve("redis.conf").toString())));
			this.dataNodes.add(node);
		}
		for (int i = 0; i < 3; i++) {
			int port = FIRST_SENTINEL_PORT + i;
			Party sentinel = namespace.party("sentinel-" + i, port);
			Path sentinelDir = Files.createDirectories(dir.resolve("sentinel-" + i));
			Files.write(sentinelDir.resolve("sentinel.conf"),
					List.of("port " + port, "bind 127.0.0.1", "protected-mode no", "dir " + sentinelDir,
							"sentinel announce-ip 127.0.0.1",
							"sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + FIRST_DATA_PORT + " 2",
							"sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
							"sentinel failover-timeout " + MASTER_NAME + " 10000"));
			this.processes.add(namespace.start(sentinel, sentinelDir,
					List.of("redis-sentinel", sentinelDir.resolve("sentinel.conf").toString())));
			this.sentinels.add(sentinel);
		}
		this.checker = namespace.party("checker");
	}

	List<Party> dataNodes() {
		return this.dataNodes;
	}

	/** The server processes, to check that none is left behind. */
	List<Process> processes() {
		return this.processes;
	}

	List<Party> sentinels() {
		return this.sentinels;
	}

	String sentinelAddresses() {
		return String.join(",", this.sentinels.stream().map((s) -> "127.0.0.1:" + s.ports().get(0)).toList());
	}

	/**
	 * The master port every Sentinel names, or -1 while they disagree or cannot answer.
	 */
	int agreedMasterPort() {
		int agreed = -1;
		for (Party sentinel : this.sentinels) {
			String[] answer = cli(sentinel.ports().get(0), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)
				.split("\n");
			if (answer.length < 2) {
				return -1;
			}
			int port = Integer.parseInt(answer[1].trim());
			if (agreed != -1 && agreed != port) {
				return -1;
			}
			agreed = port;
		}
		return agreed;
	}

	/**
	 * Whether the data node is a master with both others replicating from it, and every
	 * Sentinel knows all.
	 */
	boolean isHealthyWithMaster(int masterPort) {
		if (agreedMasterPort() != masterPort || !info(masterPort, "replication").contains("connected_slaves:2")) {
			return false;
		}
		for (Party sentinel : this.sentinels) {
			String master = cli(sentinel.ports().get(0), "SENTINEL", "MASTER", MASTER_NAME);
			if (!master.contains("num-other-sentinels\n2") || !master.contains("num-slaves\n2")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Cuts the first master (node-0) from the Sentinels and the other data nodes, waits
	 * until the Sentinels agree on a new master, checks that the isolated one still
	 * believes it is the master (two masters: a split brain), runs {@code whileSplit} and
	 * heals.
	 * @return the port of the new master
	 */
	int splitBrain(Runnable whileSplit) {
		int oldMaster = FIRST_DATA_PORT;
		List<Party> others = new ArrayList<>(this.sentinels);
		others.addAll(this.dataNodes.subList(1, 3));
		try (Cut cut = this.namespace.cut(List.of(this.dataNodes.get(0)), others)) {
			await().atMost(TIMEOUT).until(() -> {
				int port = agreedMasterPort();
				return port != -1 && port != oldMaster;
			});
			int newMaster = agreedMasterPort();
			assertThat(role(oldMaster)).as("role of the isolated old master").isEqualTo("master");
			whileSplit.run();
			return newMaster;
		}
	}

	/** Whether the node is a replica whose link to its master is up. */
	boolean isReplicaInSync(int port) {
		return role(port).equals("slave") && info(port, "replication").contains("master_link_status:up");
	}

	String role(int port) {
		return cli(port, "ROLE").split("\n")[0].trim();
	}

	String info(int port, String section) {
		return cli(port, "INFO", section);
	}

	/** How many of the keys exist on the node. */
	long existing(int port, List<String> keys) {
		long found = 0;
		for (int from = 0; from < keys.size(); from += 500) {
			List<String> args = new ArrayList<>(List.of("EXISTS"));
			args.addAll(keys.subList(from, Math.min(keys.size(), from + 500)));
			found += Long.parseLong(cli(port, args.toArray(String[]::new)).trim());
		}
		return found;
	}

	/**
	 * One {@code redis-cli} command as the checker party, given 2 s; empty when it failed
	 * or hung.
	 */
	String cli(int port, String... args) {
		List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
		command.addAll(List.of(args));
		return this.namespace.run(this.checker, Duration.ofSeconds(2), command).orElse("");
	}

}
