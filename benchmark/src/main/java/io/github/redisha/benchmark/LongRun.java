package io.github.redisha.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.RedisTopologyException;
import io.github.redisha.test.SentinelTopology;

/**
 * Twenty failovers in a row on one topology, redis-ha and plain Boot side by side, each
 * with {@link LongRunClient 16 pooled writers}: master SIGKILL (the node restarted once
 * the new master is in place), master frozen until the new master is in place and then
 * resumed, {@code SENTINEL FAILOVER}, in turn. Each round writes from one second before
 * the fault until two seconds after the topology is healthy again, then, with the writers
 * stopped, records per application the errors its callers saw, the acknowledged writes
 * missing on the master, its threads, its connections per node and the heap after a full
 * GC. At the end every acknowledged write of the run is read back from the final master.
 *
 * @author redis-ha
 */
final class LongRun {

	static final int FAILOVERS = 20;

	private static final List<String> FAULTS = List.of("kill", "freeze-resume", "planned");

	private static final String WARM_UP = "none (warm-up)";

	private static final Duration BEFORE_FAULT = Duration.ofSeconds(1);

	private static final Duration AFTER_HEALTHY = Duration.ofSeconds(2);

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	/** A round takes 10 to 20 s: none is begun closer than this to the deadline. */
	private static final Duration ROUND_BUDGET = Duration.ofSeconds(40);

	private static final long WRITERS_MAX_NANOS = Duration.ofMinutes(3).toNanos();

	private final Report report;

	private final long deadline;

	private final LongRunReport table = new LongRunReport();

	private final Map<LongRunClient, Map<String, Integer>> firstThreads = new HashMap<>();

	private final Map<LongRunClient, Map<String, Integer>> lastThreads = new HashMap<>();

	/**
	 * A long run.
	 * @param report where the tables go
	 * @param deadline when to stop beginning failovers ({@link System#nanoTime()})
	 */
	LongRun(Report report, long deadline) {
		this.report = report;
		this.deadline = deadline;
	}

	void run() throws Exception {
		try (SentinelTopology topology = FailoverBenchmark.topology()) {
			List<LongRunClient> clients = List.of(LongRunClient.start(Kind.STARTER, topology),
					LongRunClient.start(Kind.PLAIN, topology));
			try {
				round(topology, clients, 0, WARM_UP);
				for (int failover = 1; failover <= FAILOVERS; failover++) {
					if (System.nanoTime() + ROUND_BUDGET.toNanos() > this.deadline) {
						this.report
							.note("Long run stopped after " + (failover - 1) + " failovers: --max-minutes reached.");
						break;
					}
					round(topology, clients, failover, FAULTS.get((failover - 1) % FAULTS.size()));
				}
			}
			catch (RedisTopologyException ex) {
				this.report.note("Long run stopped early: " + ex.getMessage());
			}
			finally {
				clients.forEach(LongRunClient::close);
			}
			topology.awaitHealthy(SETTLE);
			RedisNode finalMaster = topology.master();
			for (LongRunClient client : clients) {
				this.table.finalLost(client.kind().label(), client.lost(finalMaster));
			}
		}
		noteThreadFamilies();
		this.report.section(this.table.markdown());
	}

	private void round(SentinelTopology topology, List<LongRunClient> clients, int failover, String fault)
			throws InterruptedException {
		List<WriterGroup> groups = new ArrayList<>();
		for (LongRunClient client : clients) {
			groups.add(client.write(prefix(client, failover), WRITERS_MAX_NANOS));
		}
		long faultAt = System.nanoTime();
		try {
			Thread.sleep(BEFORE_FAULT.toMillis());
			faultAt = System.nanoTime();
			if (!fault.equals(WARM_UP)) {
				faultAt = fail(topology, failover, fault);
			}
			Thread.sleep(AFTER_HEALTHY.toMillis());
		}
		finally {
			groups.forEach(WriterGroup::stop);
			for (WriterGroup group : groups) {
				group.awaitStopped(30_000);
			}
		}
		RedisNode master = topology.master();
		List<Counts> counts = new ArrayList<>();
		for (int i = 0; i < clients.size(); i++) {
			counts.add(count(master, clients.get(i), failover, groups.get(i).done(), faultAt));
		}
		groups.clear();
		record(topology, clients, failover, fault, counts);
	}

	// returns when the fault was sent (System.nanoTime())
	private long fail(SentinelTopology topology, int failover, String fault) {
		RedisNode oldMaster = topology.master();
		FailoverBenchmark.log("long run, failover " + failover + ": " + fault + " of " + oldMaster.address());
		long faultAt = System.nanoTime();
		switch (fault) {
			case "kill" -> oldMaster.kill();
			case "freeze-resume" -> oldMaster.freeze();
			case "planned" -> topology.failover();
			default -> throw new IllegalArgumentException(fault);
		}
		try {
			topology.awaitFailover(oldMaster, FAILOVER_TIMEOUT);
		}
		finally {
			// the old master comes back: restarted empty, or resumed with what it
			// acknowledged while frozen; Sentinel turns it into a replica of the new one
			oldMaster.thaw();
			oldMaster.start();
		}
		topology.awaitHealthy(SETTLE);
		return faultAt;
	}

	private Counts count(RedisNode master, LongRunClient client, int failover, List<Op> ops, long faultAt) {
		Set<Long> lostSeqs = FailoverBenchmark.lost(master, ops);
		client.remember(prefix(client, failover), ops);
		List<Op> failed = ops.stream().filter((op) -> !op.acknowledged()).toList();
		if (!failed.isEmpty()) {
			note(failover, client, failed, "errors", faultAt, "; first: " + abbreviate(failed.get(0).error()));
		}
		if (!lostSeqs.isEmpty()) {
			note(failover, client, ops.stream().filter((op) -> lostSeqs.contains(op.seq())).toList(),
					"acknowledged writes lost", faultAt, "");
		}
		return new Counts((int) ops.stream().filter(Op::acknowledged).count(), failed.size(),
				(int) failed.stream().filter(Op::readOnly).count(), lostSeqs.size());
	}

	// when the writes were sent and answered, relative to the fault: which window they
	// fell in
	private void note(int failover, LongRunClient client, List<Op> ops, String what, long faultAt, String detail) {
		this.report.note("long run, failover " + failover + ", " + client.kind().label() + ": " + ops.size() + " "
				+ what + ", sent " + span(ops, Op::sentAt, faultAt) + ", answered " + span(ops, Op::endedAt, faultAt)
				+ " ms after the fault" + detail);
	}

	private static String span(List<Op> ops, ToLongFunction<Op> time, long faultAt) {
		long from = ops.stream().mapToLong(time).min().orElse(faultAt) - faultAt;
		long to = ops.stream().mapToLong(time).max().orElse(faultAt) - faultAt;
		return (from == to) ? Report.millis(from) : Report.millis(from) + " to " + Report.millis(to);
	}

	// measured with the round's operations out of reach, so that the heap after GC is the
	// applications' own
	private void record(SentinelTopology topology, List<LongRunClient> clients, int failover, String fault,
			List<Counts> counts) {
		NodeConnections connections = NodeConnections.of(topology);
		long heap = heapAfterGc();
		int jvmThreads = ManagementFactory.getThreadMXBean().getThreadCount();
		for (int i = 0; i < clients.size(); i++) {
			LongRunClient client = clients.get(i);
			Counts of = counts.get(i);
			String engine = (client.kind() == Kind.STARTER) ? connections.perDataNode(NodeConnections.FAILOVER_ENGINE)
					+ " + " + connections.onSentinels(NodeConnections.FAILOVER_ENGINE) : "–";
			this.table.add(new LongRunReport.Row(failover, fault, client.kind().label(), of.acknowledged(), of.errors(),
					of.readOnly(), of.lost(), client.threadNames().size(), connections.perDataNode(client.name()),
					engine, heap, jvmThreads));
			if (failover == 1) {
				this.firstThreads.put(client, client.threadFamilies());
			}
			else if (failover > 1) {
				this.lastThreads.put(client, client.threadFamilies());
			}
		}
		FailoverBenchmark.log("long run, failover " + failover + " recorded: " + counts);
	}

	/**
	 * Names the kinds of thread whose count differs between the first and the last
	 * failover.
	 */
	private void noteThreadFamilies() {
		this.lastThreads.forEach((client, last) -> {
			Map<String, Integer> first = this.firstThreads.get(client);
			if (first != null && !first.equals(last)) {
				this.report.note("long run, " + client.kind().label() + ": threads by name after the first failover "
						+ first + ", after the last " + last);
			}
		});
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			memory.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static String prefix(LongRunClient client, int failover) {
		return ((client.kind() == Kind.STARTER) ? "starter" : "plain") + "-long-" + failover;
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

	/**
	 * What the callers of one application saw in one round.
	 *
	 * @param acknowledged writes acknowledged
	 * @param errors writes failed
	 * @param readOnly of which {@code READONLY}
	 * @param lost acknowledged writes missing on the master after the round
	 */
	private record Counts(int acknowledged, int errors, int readOnly, long lost) {

	}

}
