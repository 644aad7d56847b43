#!/bin/sh
# Failover benchmark: redis-ha vs plain Spring Boot on a real Sentinel topology, or (--scenarios cluster) on a Redis Cluster.
# Needs redis-server and redis-sentinel on PATH (see test-kit/README.md). Takes about 8 minutes (long-run, not in the
# default list: about 7 more).
# Usage (from the repository root): benchmark/run.sh [--scenarios kill,service-kill,service-redeploy,freeze,freeze-resume,manual,planned,replica,zones,rotation,steady,long-run
#                                                   or cluster, or cluster-kill,cluster-freeze,...: see docs/benchmarks.md]
#                                                   [--steady-millis 1000] [--steady-rounds 30] [--max-minutes 20]
#                                                   [--out FILE, default benchmark/results/<date>-<time>-<scenarios>.md]
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmark -am package -DskipTests
exec java -cp "benchmark/target/classes:$(cat benchmark/target/benchmark.classpath)" \
	io.github.redisha.benchmark.FailoverBenchmark "$@"
