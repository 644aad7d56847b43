package io.github.redisha.partition;

import java.util.List;

import io.github.redisha.test.partition.NetworkNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a partition scenario must not leave behind once its namespace is closed: the
 * namespace (and with it every rule inside it), a process it started, or a rule on the
 * host (the kit adds rules only inside the namespace).
 */
final class LeftBehind {

	private LeftBehind() {
	}

	static void assertNothing(String namespace, List<Process> processes) throws Exception {
		assertThat(NetworkNamespace.exists(namespace)).as("namespace %s still exists", namespace).isFalse();
		assertThat(processes).as("processes still alive").noneMatch(Process::isAlive);
		assertThat(hostRules("filter") + hostRules("mangle")).as("host iptables rules of a party")
			.doesNotContain("connmark")
			.doesNotContain("--uid-owner");
	}

	private static String hostRules(String table) throws Exception {
		Process iptables = new ProcessBuilder("iptables", "-t", table, "-S").redirectErrorStream(true).start();
		String rules = new String(iptables.getInputStream().readAllBytes());
		assertThat(iptables.waitFor()).as("iptables -t %s -S: %s", table, rules).isZero();
		return rules;
	}

}
