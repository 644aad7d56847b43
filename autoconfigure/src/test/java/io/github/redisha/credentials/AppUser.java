package io.github.redisha.credentials;

import java.util.List;

import io.github.redisha.test.RedisNode;
import io.github.redisha.testsupport.NodeCommands;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;

/**
 * The application's ACL user {@code app} on a set of nodes, managed with the nodes' admin
 * ({@code default}) password. ACLs are not replicated, so every node gets each change.
 */
final class AppUser {

	static final String NAME = "app";

	private final List<RedisNode> nodes;

	private final String adminPassword;

	AppUser(List<RedisNode> nodes, String adminPassword) {
		this.nodes = nodes;
		this.adminPassword = adminPassword;
	}

	/**
	 * Add a password; one the user already has stays valid. Keys and Pub/Sub channels
	 * (Sentinel's events, {@code PSUBSCRIBE}) are all allowed.
	 * @param password the password
	 */
	void addPassword(String password) {
		run(AclSetuserArgs.Builder.on().addPassword(password).allKeys().allChannels().allCommands());
	}

	void removePassword(String password) {
		run(AclSetuserArgs.Builder.removePassword(password));
	}

	/**
	 * {@code CLIENT KILL USER app}: every connection of the user reconnects.
	 */
	void disconnect() {
		for (RedisNode node : this.nodes) {
			NodeCommands.on(node, this.adminPassword, (redis) -> redis.clientKill(KillArgs.Builder.user(NAME)));
		}
	}

	private void run(AclSetuserArgs args) {
		for (RedisNode node : this.nodes) {
			NodeCommands.on(node, this.adminPassword, (redis) -> redis.aclSetuser(NAME, args));
		}
	}

	/**
	 * How often the running nodes answered {@code WRONGPASS}, in all.
	 * @return the count
	 */
	long wrongPasswordReplies() {
		return this.nodes.stream()
			.filter(RedisNode::isRunning)
			.mapToLong((node) -> NodeCommands.errorReplies(node, this.adminPassword, "WRONGPASS"))
			.sum();
	}

	/**
	 * {@code AUTH} commands the running nodes received, in all: a live connection that
	 * re-authenticates sends one.
	 * @return the count
	 */
	long authCalls() {
		return this.nodes.stream()
			.filter(RedisNode::isRunning)
			.mapToLong((node) -> NodeCommands.calls(node, this.adminPassword, "auth"))
			.sum();
	}

}
