package io.github.redisha.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.github.redisha.benchmark.Clients.Client;
import io.github.redisha.benchmark.Clients.Kind;
import io.github.redisha.benchmark.Operations.Op;
import io.github.redisha.test.RedisNode;
import io.github.redisha.test.SentinelTopology;

/**
 * Sentinel faults: redis-ha and plain Spring Boot side by side on a fresh Sentinel
 * topology, each writing one key every 5 ms; the master is killed, frozen, frozen and
 * resumed, or handed over with {@code SENTINEL FAILOVER}.
 *
 * @author redis-ha
 */
final class SentinelFailovers {

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	/** How long after the fault both clients are observed. */
	private static final Duration WINDOW = Duration.ofSeconds(20);

	private static final Duration FROZEN_FOR = Duration.ofSeconds(10);

	/**
	 * Freeze and resume: long enough after the resume for Sentinel to demote the old
	 * master.
	 */
	private static final Duration RESUME_WINDOW = Duration.ofSeconds(25);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private final Report report;

	SentinelFailovers(Report report) {
		this.report = report;
	}

	/**
	 * One fault scenario.
	 * @param scenario {@code kill}, {@code freeze}, {@code freeze-resume},
	 * {@code manual}, or {@code service-kill} (the applications given the Service
	 * address)
	 * @throws Exception when the scenario cannot run to its end
	 */
	void run(String scenario) throws Exception {
		try (SentinelTopology topology = FailoverBenchmark.topology();
				SentinelEventLog events = new SentinelEventLog(topology)) {
			// service-kill: both applications are given the Service address only
			String sentinels = scenario.startsWith("service-") ? topology.service().address()
					: topology.sentinelAddresses();
			Client starter = Clients.start(Kind.STARTER, topology, sentinels, Map.of());
			Client plain = Clients.start(Kind.PLAIN, topology, sentinels, Map.of());
			// a redeploy adds its own duration (new Sentinels, resets) before the fault
			long redeploySeconds = scenario.equals("service-redeploy") ? 60 : 0;
			long maxNanos = (WARM_UP.plus(RESUME_WINDOW).plusSeconds(10 + redeploySeconds)).toNanos();
			Operations starterWrites = Operations.writes(starter.template(), "starter-" + scenario, maxNanos);
			Operations plainWrites = Operations.writes(plain.template(), "plain-" + scenario, maxNanos);
			FailoverBenchmark.sleep(WARM_UP);
			if (scenario.equals("service-redeploy")) {
				// every Sentinel replaced behind the Service, then the master killed; the
				// event log listens to the old Sentinels, so P is not known
				topology.redeploySentinels();
				FailoverBenchmark.log("Sentinels redeployed: " + topology.sentinelAddresses());
				FailoverBenchmark.sleep(WARM_UP);
			}
			RedisNode oldMaster = topology.master();
			FailoverBenchmark.log("fault: " + scenario + " on " + oldMaster.address());
			long faultAt = System.nanoTime();
			long faultAtMillis = System.currentTimeMillis();
			Duration window = WINDOW;
			switch (scenario) {
				case "kill", "service-kill", "service-redeploy" -> oldMaster.kill();
				case "freeze" -> oldMaster.freeze();
				case "freeze-resume" -> {
					oldMaster.freeze();
					window = RESUME_WINDOW;
				}
				case "manual" -> topology.failover();
				default -> throw new IllegalArgumentException(scenario);
			}
			if (scenario.equals("freeze-resume")) {
				FailoverBenchmark.sleepUntil(faultAt + FROZEN_FOR.toNanos());
				oldMaster.thaw();
				FailoverBenchmark.log("resumed " + oldMaster.address());
			}
			FailoverBenchmark.sleepUntil(faultAt + window.toNanos());
			long endAt = System.nanoTime();
			starterWrites.stop();
			plainWrites.stop();
			// a client stuck on a frozen master would wait for its 60 s command timeout:
			// closing it
			// fails the pending write, which then counts as an error, not as an
			// acknowledgement
			starter.close();
			plain.close();
			starterWrites.awaitStopped(10_000);
			plainWrites.awaitStopped(10_000);
			if (scenario.equals("freeze")) {
				oldMaster.kill();
			}
			topology.awaitHealthy(SETTLE);
			RedisNode finalMaster = topology.master();
			long promotedAt = events.first("+promoted-slave", faultAt).orElse(-1);
			List<Op> starterOps = starterWrites.done();
			List<Op> plainOps = plainWrites.done();
			Outcome starterOutcome = Outcome.of(Kind.STARTER.label(), starterOps, faultAt, endAt, promotedAt,
					FailoverBenchmark.lost(finalMaster, starterOps));
			Outcome plainOutcome = Outcome.of(Kind.PLAIN.label(), plainOps, faultAt, endAt, promotedAt,
					FailoverBenchmark.lost(finalMaster, plainOps));
			this.report.failover(scenario, starterOutcome, plainOutcome);
			if (!scenario.equals("manual")) {
				noteWriteMinusMasterMode(scenario, finalMaster, faultAtMillis, List.of(starterOutcome, plainOutcome));
			}
		}
	}

	/**
	 * W − R: from the promoted replica's own {@code MASTER MODE enabled} log line to the
	 * first acknowledged write after the gap (millisecond resolution of Redis' log).
	 * @param scenario the scenario
	 * @param promoted the promoted replica
	 * @param faultAtMillis when the fault was injected (epoch milliseconds)
	 * @param outcomes what the clients saw
	 */
	private void noteWriteMinusMasterMode(String scenario, RedisNode promoted, long faultAtMillis,
			List<Outcome> outcomes) {
		OptionalLong masterModeAt = PromotionLog.masterModeAt(promoted);
		if (masterModeAt.isEmpty()) {
			this.report.note(scenario + ": no MASTER MODE enabled line in the log of " + promoted.address());
			return;
		}
		List<String> parts = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			long writeAt = outcome.firstWriteAfterGap();
			parts.add(outcome.client() + " " + ((writeAt >= 0)
					? (faultAtMillis + TimeUnit.NANOSECONDS.toMillis(writeAt) - masterModeAt.getAsLong()) + " ms"
					: "–"));
		}
		this.report.note(scenario + ": W − R (the promoted replica's MASTER MODE enabled log line to the first "
				+ "acknowledged write after the gap): " + String.join(", ", parts));
	}

}
