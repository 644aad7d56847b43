package io.github.redisha.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.credentials.RedisHaCredentials;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;
import io.lettuce.core.AclSetuserArgs;

import org.springframework.util.FileSystemUtils;

/**
 * A password rotation, then a master kill: the data nodes' ACL user {@code app} gets a
 * second password, the password file is rewritten, the old password is removed, and the
 * master is killed, so that every client must reconnect to the new master. redis-ha reads
 * the password from {@code REDIS_PASSWORD_FILE} and has re-read it; plain Boot (Boot's
 * defaults, and with a 2 s command timeout) holds the password it was started with, as an
 * environment variable would give it, and can only pick the new one up with a restart.
 * Reports the writes after the kill and the {@code WRONGPASS} replies the nodes sent.
 *
 * @author redis-ha
 */
final class CredentialRotation {

	private static final String USER = "app";

	private static final String OLD = "bench-app-old";

	private static final String NEW = "bench-app-new";

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration WINDOW = Duration.ofSeconds(20);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private static final List<Kind> CLIENTS = List.of(Kind.STARTER, Kind.PLAIN, Kind.PLAIN_2S);

	private final Report report;

	CredentialRotation(Report report) {
		this.report = report;
	}

	void run() throws Exception {
		Path secrets = Files.createTempDirectory("redis-ha-rotation");
		try (SentinelTopology topology = FailoverBenchmark.topology()) {
			acl(topology, AclSetuserArgs.Builder.on().addPassword(OLD).allKeys().allChannels().allCommands());
			Path passwordFile = secrets.resolve("password");
			write(passwordFile, OLD);
			List<Client> clients = new ArrayList<>();
			for (Kind kind : CLIENTS) {
				clients.add(Clients.start(kind, topology,
						(kind == Kind.STARTER)
								? Map.of("redis.username", USER, "redis.password", "", "redis.password-file",
										passwordFile.toString())
								: Map.of("spring.data.redis.username", USER, "spring.data.redis.password", OLD)));
			}
			long maxNanos = WARM_UP.plus(WINDOW).plusSeconds(40).toNanos();
			List<WriterGroup> groups = new ArrayList<>();
			for (Client client : clients) {
				groups.add(new WriterGroup(client.template(), "rotation-" + client.kind().name(), 1, 1, maxNanos));
			}
			Thread.sleep(WARM_UP.toMillis());
			acl(topology, AclSetuserArgs.Builder.on().addPassword(NEW));
			write(passwordFile, NEW);
			awaitNewPassword(clients.get(0));
			acl(topology, AclSetuserArgs.Builder.removePassword(OLD));
			RedisNode oldMaster = topology.master();
			FailoverBenchmark.log("password rotated; killing the master " + oldMaster.address());
			long faultAt = System.nanoTime();
			oldMaster.kill();
			Thread.sleep(WINDOW.toMillis());
			long endAt = System.nanoTime();
			groups.forEach(WriterGroup::stop);
			for (WriterGroup group : groups) {
				group.awaitStopped(10_000);
			}
			long wrongPass = topology.dataNodes()
				.stream()
				.filter(RedisNode::isRunning)
				.mapToLong((node) -> NodeQueries.errorReplies(node, "WRONGPASS"))
				.sum();
			clients.forEach(Client::close);
			topology.awaitHealthy(SETTLE);
			for (int i = 0; i < clients.size(); i++) {
				row(clients.get(i).kind(), groups.get(i).done(), faultAt, endAt);
			}
			this.report.note("rotation: the data nodes answered WRONGPASS " + wrongPass
					+ " times after the kill, in all (redis-ha's connections and plain Boot's reconnects)");
		}
		finally {
			FileSystemUtils.deleteRecursively(secrets);
		}
	}

	private void awaitNewPassword(Client starter) throws InterruptedException {
		RedisHaCredentials credentials = starter.context().getBean(RedisHaCredentials.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!NEW.equals(credentials.data().password())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("redis-ha did not pick up the new password within 30 s");
			}
			Thread.sleep(20);
		}
	}

	private void row(Kind kind, List<Op> ops, long faultAt, long endAt) {
		List<Op> before = ops.stream().filter((op) -> op.sentAt() < faultAt).toList();
		List<Op> after = ops.stream().filter((op) -> op.sentAt() >= faultAt && op.sentAt() < endAt).toList();
		long acknowledgedAfter = after.stream().filter(Op::acknowledged).count();
		long errorsBefore = before.stream().filter((op) -> !op.acknowledged()).count();
		long errorsAfter = after.stream().filter((op) -> !op.acknowledged()).count();
		String firstAfter = after.stream()
			.filter(Op::acknowledged)
			.mapToLong(Op::endedAt)
			.min()
			.stream()
			.mapToObj((at) -> Report.seconds(at - faultAt))
			.findFirst()
			.orElse("none");
		String firstError = after.stream()
			.filter((op) -> !op.acknowledged())
			.map(Op::error)
			.findFirst()
			.map(Report::abbreviate)
			.orElse("");
		this.report.row(
				"Password rotation (second ACL password added, password file rewritten, old password removed), then "
						+ "the master killed; " + WINDOW.toSeconds() + " s observed after the kill:",
				List.of("client", "errors during the rotation", "acknowledged writes after the kill",
						"errors after the kill", "first write after the kill (s)", "first error"),
				List.of(kind.label(), Long.toString(errorsBefore), Long.toString(acknowledgedAfter),
						Long.toString(errorsAfter), firstAfter, firstError));
	}

	private static void acl(SentinelTopology topology, AclSetuserArgs args) {
		for (RedisNode node : topology.dataNodes()) {
			NodeQueries.on(node, Duration.ofSeconds(5), (redis) -> redis.sync().aclSetuser(USER, args));
		}
	}

	// replace the file in one rename, as a secret volume or a vault agent does
	private static void write(Path file, String password) throws IOException {
		Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), password + "\n");
		Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}
