#!/usr/bin/env bash
# Quick start: build the sample app, start 1 Redis master + 2 replicas + 3 Sentinels (or a 3+3 Redis Cluster) + the
# app with Docker Compose
# (host networking, everything on 127.0.0.1), wait until the app is healthy and say where to look.
#
#   ./run-sample.sh          start (again: rebuilds the app and recreates what changed)
#   ./run-sample.sh cluster  the same on a Redis Cluster: 3 primaries + 3 replicas on 7000-7005 (compose profile)
#   ./run-sample.sh down     stop and remove everything (either topology)
#
# Needs: Docker with host networking (Linux; Docker Desktop 4.34+ with "Enable host networking"), Docker Compose
# (`docker compose` or `docker-compose`), a JDK 17+ (the Maven wrapper builds the app), curl.
# Free ports: 6379-6381, 26379-26381 (cluster: 7000-7005, 17000-17005) and 8080 (APP_PORT). Images: REDIS_IMAGE (redis:7.2) and
# APP_JRE_IMAGE (eclipse-temurin:17-jre), see docker-compose.yml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
APP_PORT="${APP_PORT:-8080}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'run-sample.sh: %s\n' "$*" >&2; exit 1; }

if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose)
else die "Docker Compose not found: install the compose plugin ('docker compose') or docker-compose"; fi
docker info >/dev/null 2>&1 || die "the Docker engine does not answer ('docker info' failed): start Docker first"

case "${1:-}" in
  down)
    "${COMPOSE[@]}" --profile cluster down -v --remove-orphans
    exit 0 ;;
  cluster)
    MODE=cluster; APP_SERVICE=sample-app-cluster; PORTS=(7000 7001 7002 7003 7004 7005 17000 17001 17002 17003 17004 17005)
    COMPOSE+=(--profile cluster) ;;
  "")
    MODE=sentinel; APP_SERVICE=sample-app; PORTS=(6379 6380 6381 26379 26380 26381) ;;
  *)
    die "unknown argument '$1' (use: ./run-sample.sh [cluster|down])" ;;
esac
[ $# -le 1 ] || die "too many arguments (use: ./run-sample.sh [cluster|down])"
command -v curl >/dev/null 2>&1 || die "curl not found (used to wait for the app)"

if [ -z "$("${COMPOSE[@]}" ps -q "$APP_SERVICE" 2>/dev/null)" ]; then
  for port in "${PORTS[@]}" "$APP_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port 127.0.0.1:$port is already in use (a local Redis, or the other topology? './run-sample.sh down' stops ours)"
    fi
  done
fi

say "Building the sample app (./mvnw -pl sample-app -am package -DskipTests)"
./mvnw -B -q -pl sample-app -am package -DskipTests

if [ "$MODE" = cluster ]; then
  say "Starting a Redis Cluster (3 primaries, 3 replicas) and the sample app in cluster mode"
else
  say "Starting Redis (1 master, 2 replicas, 3 Sentinels) and the sample app"
fi
"${COMPOSE[@]}" up -d --build "$APP_SERVICE"

say "Waiting for http://localhost:$APP_PORT/actuator/health"
deadline=$(( $(date +%s) + 240 ))
until curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    "${COMPOSE[@]}" ps
    "${COMPOSE[@]}" logs --tail=30 "$APP_SERVICE"
    die "the app did not become healthy within 4 minutes (logs above). On Docker Desktop, enable host networking."
  fi
  sleep 1
done

c="${COMPOSE[*]}"
cat <<INFO

  The sample app is up on http://localhost:$APP_PORT -- try:

    curl localhost:$APP_PORT/products/1                 # slow the first time, then from the Redis cache
    curl -X PUT -d hello localhost:$APP_PORT/kv/greeting  # written to the master
    curl localhost:$APP_PORT/kv/greeting                 # read (from a replica: REDIS_READ_FROM)
    curl localhost:$APP_PORT/actuator/health             # Redis status (master and Sentinels, or the shards)
    curl localhost:$APP_PORT/actuator/prometheus         # metrics

$(if [ "$MODE" = cluster ]; then cat <<CLUSTER
  Fail over: kill the primary of a slot range and keep curling; the app carries on with its replica:

    redis-cli -p 7000 -a redis-dev-password --no-auth-warning cluster shards
    $c kill redis-cluster-0
    redis-cli -p 7001 -a redis-dev-password --no-auth-warning cluster nodes
CLUSTER
else cat <<SENTINEL
  Fail over: kill the master and keep curling; the app carries on with the new master:

    $c kill redis-master
    redis-cli -p 26379 -a sentinel-dev-password --no-auth-warning SENTINEL get-master-addr-by-name mymaster
SENTINEL
fi)

  Logs: $c logs -f $APP_SERVICE      Stop: ./run-sample.sh down
INFO
