package io.github.redisha.test.partition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partitions between real processes: two {@code redis-server}s (a master and its replica)
 * and a client ({@code redis-cli}), each with a uid of its own inside one namespace. A
 * cut stops exactly the link it names, heals back, and closing the namespace leaves
 * nothing behind.
 */
class NetworkNamespaceIT {

	// the namespace has a port space of its own: fixed ports cannot collide with anything
	// on the host; the replica
	// notices a cut link after repl-timeout (3 s)
	private static final int MASTER_PORT = 7001;

	private static final int REPLICA_PORT = 7002;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void cutStopsExactlyTheLinkBetweenTwoPartiesUntilHealed(@TempDir Path dir) {
		try (NetworkNamespace namespace = NetworkNamespace.create()) {
			Party master = namespace.party("master", MASTER_PORT);
			Party replica = namespace.party("replica", REPLICA_PORT);
			Party client = namespace.party("client");
			namespace.start(master, dir.resolve("master"), server(MASTER_PORT));
			namespace.start(replica, dir.resolve("replica"),
					server(REPLICA_PORT, "--replicaof", "127.0.0.1", Integer.toString(MASTER_PORT)));
			await().atMost(TIMEOUT).until(() -> linkStatus(namespace, client).equals("up"));

			try (Cut cut = namespace.cut(client, master)) {
				assertThat(ping(namespace, client, MASTER_PORT)).as("client -> master while cut").isFalse();
				assertThat(ping(namespace, client, REPLICA_PORT)).as("client -> replica").isTrue();
				assertThat(linkStatus(namespace, client)).as("replica -> master is not cut").isEqualTo("up");
				cut.heal();
				assertThat(ping(namespace, client, MASTER_PORT)).as("client -> master once healed").isTrue();
			}

			Cut replication = namespace.cut(replica, master);
			assertThat(namespace.filterRules()).contains("--mark 0xee49").contains("DROP");
			await().atMost(TIMEOUT).until(() -> linkStatus(namespace, client).equals("down"));
			assertThat(ping(namespace, client, MASTER_PORT)).isTrue();
			replication.heal();
			assertThat(namespace.filterRules()).doesNotContain("DROP");
			await().atMost(TIMEOUT).until(() -> linkStatus(namespace, client).equals("up"));
		}
	}

	@Test
	void closeKillsItsProcessesAndDeletesTheNamespaceWithItsRules(@TempDir Path dir) throws IOException {
		NetworkNamespace namespace = NetworkNamespace.create();
		String name = namespace.name();
		Process server;
		try {
			Party master = namespace.party("master", MASTER_PORT);
			Party client = namespace.party("client");
			server = namespace.start(master, dir.resolve("master"), server(MASTER_PORT));
			await().atMost(TIMEOUT).until(() -> ping(namespace, client, MASTER_PORT));
			namespace.cut(client, master);
			assertThat(NetworkNamespace.exists(name)).isTrue();
			assertThat(uidOf(server.pid())).isEqualTo(master.uid());
		}
		finally {
			namespace.close();
		}
		assertThat(server.isAlive()).as("server process").isFalse();
		assertThat(Files.exists(Path.of("/proc", Long.toString(server.pid())))).as("pid still present").isFalse();
		assertThat(NetworkNamespace.exists(name)).as("namespace " + name + " still exists").isFalse();
	}

	private static List<String> server(int port, String... more) {
		List<String> command = new ArrayList<>(
				List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
						"--appendonly", "no", "--repl-ping-replica-period", "1", "--repl-timeout", "3"));
		command.addAll(List.of(more));
		return command;
	}

	private static boolean ping(NetworkNamespace namespace, Party client, int port) {
		return "PONG".equals(cli(namespace, client, port, "PING"));
	}

	/** The replica's {@code master_link_status}, asked by the client. */
	private static String linkStatus(NetworkNamespace namespace, Party client) {
		String info = cli(namespace, client, REPLICA_PORT, "INFO", "replication");
		for (String line : info.split("\r?\n")) {
			if (line.startsWith("master_link_status:")) {
				return line.substring("master_link_status:".length()).trim();
			}
		}
		return "unknown";
	}

	/**
	 * One {@code redis-cli} command as the client party, given 2 s (a cut link makes it
	 * hang).
	 */
	private static String cli(NetworkNamespace namespace, Party client, int port, String... args) {
		List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
		command.addAll(List.of(args));
		return namespace.run(client, Duration.ofSeconds(2), command).orElse("");
	}

	private static long uidOf(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("Uid:")) {
				return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
			}
		}
		return -1;
	}

}
