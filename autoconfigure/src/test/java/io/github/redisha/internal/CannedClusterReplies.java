package io.github.redisha.internal;

/**
 * {@code CLUSTER NODES} replies of a 3 + 3 cluster on ports 7000-7005 for unit tests:
 * primaries 7000-7002, 7003 replicates 7000, 7004 replicates 7001, 7005 replicates 7002;
 * answered by 7001.
 *
 * @author redis-ha
 */
public final class CannedClusterReplies {

	/** Every node fine. */
	public static final String HEALTHY = """
			a1 127.0.0.1:7000@17000 master - 0 1700000000000 1 connected 0-5460
			b2 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
			c3 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923-16383
			d4 127.0.0.1:7003@17003 slave a1 0 1700000000000 1 connected
			e5 127.0.0.1:7004@17004 slave b2 0 1700000000000 2 connected
			f6 127.0.0.1:7005@17005 slave c3 0 1700000000000 3 connected
			""";

	/** 7001 cannot reach the primary 7000 ({@code fail?}). */
	public static final String PRIMARY_SUSPECTED = HEALTHY.replace("a1 127.0.0.1:7000@17000 master -",
			"a1 127.0.0.1:7000@17000 master,fail? -");

	/** 7000 failed and 7003 took its slots; the replica 7004 failed too. */
	public static final String FAILED_OVER = """
			a1 127.0.0.1:7000@17000 master,fail - 1700000000000 1700000000000 1 disconnected
			b2 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
			c3 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923-16383
			d4 127.0.0.1:7003@17003 master - 0 1700000000000 7 connected 0-5460
			e5 127.0.0.1:7004@17004 slave,fail b2 1700000000000 1700000000000 2 disconnected
			f6 127.0.0.1:7005@17005 slave c3 0 1700000000000 3 connected
			""";

	private CannedClusterReplies() {
	}

}
