package io.github.redisha.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Steady-state throughput and latency: a fixed number of threads alternating SET and GET
 * on a small keyspace as fast as they can, for a fixed time.
 *
 * @author redis-ha
 */
final class SteadyState {

	static final int THREADS = 8;

	private static final int KEYS = 1000;

	private SteadyState() {
	}

	static void prepare(StringRedisTemplate template) {
		for (int i = 0; i < KEYS; i++) {
			template.opsForValue().set("steady:" + i, "value-" + i);
		}
	}

	static Sample run(StringRedisTemplate template, long millis) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(THREADS);
		long[][] gets = new long[THREADS][];
		long[][] sets = new long[THREADS][];
		int[] getCounts = new int[THREADS];
		int[] setCounts = new int[THREADS];
		long start = System.nanoTime();
		long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int index = t;
			Thread thread = new Thread(() -> {
				long[] getLatencies = new long[1 << 16];
				long[] setLatencies = new long[1 << 16];
				int getCount = 0;
				int setCount = 0;
				int i = index;
				try {
					while (System.nanoTime() < end) {
						String key = "steady:" + (i % KEYS);
						long before = System.nanoTime();
						if ((i & 1) == 0) {
							template.opsForValue().set(key, "value-" + i);
							if (setCount == setLatencies.length) {
								setLatencies = Arrays.copyOf(setLatencies, setCount * 2);
							}
							setLatencies[setCount++] = System.nanoTime() - before;
						}
						else {
							template.opsForValue().get(key);
							if (getCount == getLatencies.length) {
								getLatencies = Arrays.copyOf(getLatencies, getCount * 2);
							}
							getLatencies[getCount++] = System.nanoTime() - before;
						}
						i++;
					}
				}
				finally {
					gets[index] = getLatencies;
					sets[index] = setLatencies;
					getCounts[index] = getCount;
					setCounts[index] = setCount;
					done.countDown();
				}
			}, "steady-" + t);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		if (!done.await(millis + 30_000, TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("steady-state threads did not finish");
		}
		long elapsed = System.nanoTime() - start;
		return new Sample(merge(gets, getCounts), merge(sets, setCounts), elapsed);
	}

	/**
	 * Measures several clients in many short interleaved rounds, in rotating order, so
	 * that load from elsewhere on the machine hits all of them alike; the median of the
	 * per-round ratios resists outliers.
	 * @param templates the clients: the first is compared with the second, and a fourth
	 * (a second copy of the second) is the control of how far apart identical clients
	 * measure
	 * @param millis per client and round
	 * @param rounds how many rounds
	 * @return the merged samples and the per-round ratios
	 * @throws InterruptedException when interrupted
	 */
	static Comparison compare(List<StringRedisTemplate> templates, long millis, int rounds)
			throws InterruptedException {
		for (StringRedisTemplate template : templates) {
			run(template, 2000);
		}
		Sample[] samples = new Sample[templates.size()];
		List<Double> ratios = new ArrayList<>();
		List<Double> controlRatios = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			double[] opsPerSecond = new double[templates.size()];
			for (int k = 0; k < templates.size(); k++) {
				int i = (round + k) % templates.size();
				Sample sample = run(templates.get(i), millis);
				opsPerSecond[i] = sample.opsPerSecond();
				samples[i] = (samples[i] != null) ? samples[i].plus(sample) : sample;
			}
			ratios.add(opsPerSecond[0] / opsPerSecond[1]);
			if (templates.size() > 3) {
				controlRatios.add(opsPerSecond[3] / opsPerSecond[1]);
			}
		}
		return new Comparison(List.of(samples), ratios, controlRatios, rounds);
	}

	private static long[] merge(long[][] parts, int[] counts) {
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int offset = 0;
		for (int i = 0; i < parts.length; i++) {
			System.arraycopy(parts[i], 0, all, offset, counts[i]);
			offset += counts[i];
		}
		return all;
	}

	/**
	 * What {@link #compare} measured.
	 *
	 * @param samples each client's rounds merged
	 * @param ratios first / second client, per round
	 * @param controlRatios fourth / second client, per round (empty without a fourth)
	 * @param rounds how many rounds
	 */
	record Comparison(List<Sample> samples, List<Double> ratios, List<Double> controlRatios, int rounds) {

		String summary(String compared, String control) {
			String text = String.format(Locale.ROOT,
					"Steady state, median of %d per-round throughput ratios: %s %.1f %% (middle half %.1f–%.1f %%)",
					this.rounds, compared, 100 * quantile(this.ratios, 0.5), 100 * quantile(this.ratios, 0.25),
					100 * quantile(this.ratios, 0.75));
			if (this.controlRatios.isEmpty()) {
				return text + ".";
			}
			return text + String.format(Locale.ROOT, "; control %s %.1f %% (middle half %.1f–%.1f %%).", control,
					100 * quantile(this.controlRatios, 0.5), 100 * quantile(this.controlRatios, 0.25),
					100 * quantile(this.controlRatios, 0.75));
		}

		private static double quantile(List<Double> values, double quantile) {
			List<Double> sorted = values.stream().sorted().toList();
			double position = quantile * (sorted.size() - 1);
			int lower = (int) Math.floor(position);
			int upper = (int) Math.ceil(position);
			return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (position - lower);
		}

	}

	/**
	 * Latencies of one or more runs.
	 *
	 * @param gets GET latencies (nanoseconds)
	 * @param sets SET latencies (nanoseconds)
	 * @param elapsed wall time (nanoseconds)
	 */
	record Sample(long[] gets, long[] sets, long elapsed) {

		Sample plus(Sample other) {
			long[] allGets = Arrays.copyOf(this.gets, this.gets.length + other.gets.length);
			System.arraycopy(other.gets, 0, allGets, this.gets.length, other.gets.length);
			long[] allSets = Arrays.copyOf(this.sets, this.sets.length + other.sets.length);
			System.arraycopy(other.sets, 0, allSets, this.sets.length, other.sets.length);
			return new Sample(allGets, allSets, this.elapsed + other.elapsed);
		}

		double opsPerSecond() {
			return (this.gets.length + this.sets.length) / (this.elapsed / 1e9);
		}

		double p99GetMillis() {
			return percentile(this.gets, 0.99) / 1e6;
		}

		double p99SetMillis() {
			return percentile(this.sets, 0.99) / 1e6;
		}

		static long percentile(long[] values, double quantile) {
			if (values.length == 0) {
				return 0;
			}
			long[] sorted = values.clone();
			Arrays.sort(sorted);
			int index = (int) Math.ceil(quantile * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
		}

	}

}
