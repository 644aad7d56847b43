package io.github.redisha.test.partition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.redisha.test.RedisTopologyException;

/**
 * What partition tests need from the machine, checked before anything is created, so that
 * a test without it fails with one message that says what is missing and what to do.
 *
 * @author redis-ha
 */
final class PartitionPrerequisites {

	static final List<String> COMMANDS = List.of("ip", "iptables", "setpriv");

	private PartitionPrerequisites() {
	}

	static void check() {
		List<String> missing = missing(effectiveUid(),
				COMMANDS.stream().filter((command) -> !onPath(command)).toList());
		if (!missing.isEmpty()) {
			throw new RedisTopologyException(message(missing));
		}
	}

	static List<String> missing(long effectiveUid, List<String> commandsNotFound) {
		List<String> missing = new ArrayList<>();
		if (effectiveUid != 0) {
			missing.add("root (this JVM runs as uid " + effectiveUid + ")");
		}
		for (String command : commandsNotFound) {
			missing.add("the command '" + command + "' on the PATH");
		}
		return missing;
	}

	static String message(List<String> missing) {
		return "Network partition tests need root, to create a network namespace, run each Redis process and the "
				+ "application under test with a uid of its own inside it and add iptables rules there, and the "
				+ "commands ip (iproute2), iptables and setpriv (util-linux). Missing: " + String.join(", ", missing)
				+ ". Run the tests as root (CI does: .ci/run), or in a container with CAP_SYS_ADMIN, CAP_NET_ADMIN, "
				+ "CAP_SETUID and CAP_SETGID; install the packages iproute2, iptables and util-linux.";
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		for (String dir : ((path != null) ? path : "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * From {@code /proc/self/status}: {@code Uid: real effective saved fs}.
	 * @return the effective user id of this JVM
	 */
	static long effectiveUid() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or no procfs: treated as not root
		}
		return -1;
	}

}
