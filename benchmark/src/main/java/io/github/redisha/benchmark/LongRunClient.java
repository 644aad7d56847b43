package io.github.redisha.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One application of the long run: 16 writers on a pool of 16 connections, started and
 * writing from threads of a {@link ThreadGroup} of its own. Netty's event loops,
 * Lettuce's timer and redis-ha's own threads are created lazily by whichever thread needs
 * them first and inherit its group, so the two applications sharing this JVM can be told
 * apart by group. Keeps, per failover, only which writes were acknowledged (a bit set),
 * so that the benchmark's own records do not grow the heap it measures.
 *
 * @author redis-ha
 */
final class LongRunClient implements AutoCloseable {

	static final int WRITERS = 16;

	private final Kind kind;

	private final String name;

	private final ThreadGroup threads;

	private final Client client;

	private final List<AcknowledgedWrites> acknowledged = new ArrayList<>();

	private LongRunClient(Kind kind, String name, ThreadGroup threads, Client client) {
		this.kind = kind;
		this.name = name;
		this.threads = threads;
		this.client = client;
	}

	static LongRunClient start(Kind kind, SentinelTopology topology) {
		String name = (kind == Kind.STARTER) ? "bench-redis-ha" : "bench-plain-boot";
		ThreadGroup threads = new ThreadGroup(name);
		Map<String, Object> properties = Map.of("spring.data.redis.client-name", name,
				"spring.data.redis.lettuce.pool.enabled", "true", "spring.data.redis.lettuce.pool.max-active",
				Integer.toString(WRITERS), "spring.data.redis.lettuce.pool.max-idle", Integer.toString(WRITERS));
		Client client = inGroup(threads, () -> Clients.start(kind, topology, properties));
		// borrow from the pool for every command, as PlannedFailover's pooled shape does
		client.context().getBean(LettuceConnectionFactory.class).setShareNativeConnection(false);
		return new LongRunClient(kind, name, threads, client);
	}

	Kind kind() {
		return this.kind;
	}

	/**
	 * The name its connections carry ({@code CLIENT SETNAME}).
	 * @return the client name
	 */
	String name() {
		return this.name;
	}

	WriterGroup write(String prefix, long maxNanos) {
		return inGroup(this.threads, () -> new WriterGroup(this.client.template(), prefix, WRITERS, 1, maxNanos));
	}

	/**
	 * Keeps which writes of a finished writer group were acknowledged.
	 * @param prefix the group's key prefix
	 * @param ops its operations
	 */
	void remember(String prefix, List<Op> ops) {
		BitSet seqs = new BitSet();
		ops.stream().filter(Op::acknowledged).forEach((op) -> seqs.set(Math.toIntExact(op.seq())));
		this.acknowledged.add(new AcknowledgedWrites(prefix, seqs));
	}

	/**
	 * Acknowledged writes missing on {@code master}, per round in the order remembered.
	 * @param master the final master
	 * @return how many of each round's acknowledged writes are missing
	 */
	List<Long> lost(RedisNode master) {
		List<Long> lost = new ArrayList<>();
		for (AcknowledgedWrites writes : this.acknowledged) {
			List<Op> ops = new ArrayList<>();
			writes.seqs().stream().forEach((seq) -> ops.add(new Op(seq, writes.prefix() + ":" + seq, 0, 0, null)));
			lost.add((long) FailoverBenchmark.lost(master, ops).size());
		}
		return lost;
	}

	/**
	 * Live threads of this application, the benchmark's writers excluded.
	 * @return their names, sorted
	 */
	List<String> threadNames() {
		Thread[] live = new Thread[this.threads.activeCount() * 2 + 16];
		int count = this.threads.enumerate(live, true);
		return Arrays.stream(live, 0, count)
			.map(Thread::getName)
			.filter((name) -> !name.startsWith("writer-"))
			.sorted()
			.toList();
	}

	/**
	 * Live threads by name with the digits taken out ({@code lettuce-nioEventLoop-#-#}),
	 * to see which kind grows.
	 * @return the count per family
	 */
	Map<String, Integer> threadFamilies() {
		Map<String, Integer> families = new TreeMap<>();
		threadNames().forEach((name) -> families.merge(name.replaceAll("\\d+", "#"), 1, Integer::sum));
		return families;
	}

	@Override
	public void close() {
		this.client.close();
	}

	private static <T> T inGroup(ThreadGroup group, Callable<T> action) {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Exception> failure = new AtomicReference<>();
		Thread thread = new Thread(group, () -> {
			try {
				result.set(action.call());
			}
			catch (Exception ex) {
				failure.set(ex);
			}
		}, group.getName() + "-launcher");
		thread.start();
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting " + group.getName(), ex);
		}
		if (failure.get() != null) {
			throw new IllegalStateException("cannot start " + group.getName(), failure.get());
		}
		return result.get();
	}

	/**
	 * The acknowledged writes of one writer group.
	 *
	 * @param prefix its key prefix
	 * @param seqs the sequence numbers acknowledged
	 */
	private record AcknowledgedWrites(String prefix, BitSet seqs) {

	}

}
