package io.github.redisha.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.test.ClusterTopology;

/**
 * Cluster steady state: {@link SteadyState} on a 3 + 3 cluster for redis-ha, plain Boot,
 * plain Boot with a 2 s timeout and a second plain Boot as the control.
 *
 * @author redis-ha
 */
final class ClusterSteadyState {

	private final Report report;

	ClusterSteadyState(Report report) {
		this.report = report;
	}

	void run(long millis, int rounds) throws Exception {
		try (ClusterTopology cluster = ClusterFailovers.cluster()) {
			List<Client> clients = new ArrayList<>(ClusterFailovers.clients(cluster, Map.of()));
			clients.add(Clients.startCluster(Kind.PLAIN, cluster, Map.of()));
			SteadyState.prepare(clients.get(0).template());
			SteadyState.Comparison comparison = SteadyState.compare(clients.stream().map(Client::template).toList(),
					millis, rounds);
			clients.forEach(Client::close);
			this.report.note("Cluster: " + comparison.summary("redis-ha / plain Boot", "plain Boot / plain Boot"));
			double plain = comparison.samples().get(1).opsPerSecond();
			for (int i = 0; i < clients.size(); i++) {
				SteadyState.Sample sample = comparison.samples().get(i);
				this.report.row("Cluster steady state, " + SteadyState.THREADS + " threads alternating SET and GET:",
						List.of("client", "ops/s", "vs plain Boot", "p99 GET (ms)", "p99 SET (ms)"),
						List.of(clients.get(i).kind().label() + ((i == 3) ? " (control: same as plain Boot)" : ""),
								String.format(Locale.ROOT, "%.0f", sample.opsPerSecond()),
								String.format(Locale.ROOT, "%.0f %%", 100 * sample.opsPerSecond() / plain),
								String.format(Locale.ROOT, "%.2f", sample.p99GetMillis()),
								String.format(Locale.ROOT, "%.2f", sample.p99SetMillis())));
			}
		}
	}

}
