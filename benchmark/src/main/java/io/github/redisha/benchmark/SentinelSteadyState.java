package io.github.redisha.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.test.SentinelTopology;

/**
 * Sentinel steady state: {@link SteadyState} for redis-ha, plain Boot, redis-ha with safe
 * writes and a second plain Boot as the control.
 *
 * @author redis-ha
 */
final class SentinelSteadyState {

	private final Report report;

	SentinelSteadyState(Report report) {
		this.report = report;
	}

	void run(long millis, int rounds) throws Exception {
		try (SentinelTopology topology = FailoverBenchmark.topology()) {
			List<Client> clients = new ArrayList<>();
			clients.add(Clients.start(Kind.STARTER, topology, Map.of()));
			clients.add(Clients.start(Kind.PLAIN, topology, Map.of()));
			clients.add(Clients.start(Kind.STARTER, topology, Map.of("redis.failover.safe-write.replicas", "1")));
			// a second plain Boot: how far apart two identical clients measure on this
			// machine
			clients.add(Clients.start(Kind.PLAIN, topology, Map.of()));
			List<String> labels = List.of(Kind.STARTER.label(), Kind.PLAIN.label(),
					Kind.STARTER.label() + ", safe-write.replicas=1", Kind.PLAIN.label() + " (control: same as above)");
			SteadyState.prepare(clients.get(0).template());
			SteadyState.Comparison comparison = SteadyState.compare(clients.stream().map(Client::template).toList(),
					millis, rounds);
			FailoverBenchmark.log("steady state: " + rounds + " rounds done");
			this.report.note(comparison.summary("redis-ha / plain Boot", "plain Boot / plain Boot"));
			clients.forEach(Client::close);
			this.report.steadyState(labels, comparison.samples());
		}
	}

}
