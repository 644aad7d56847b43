# shellcheck shell=bash disable=SC2034
# Shared settings for the .ci/docker scripts. Source it; do not execute it.
#
# Everything here is overridable from the environment:
#   REDISHA_DOCKER_STATE   dir for our dockerd pidfile/log/driver note  (/var/run/redis-ha-docker)
#   REDISHA_DOCKER_STORAGE_DRIVER  force a storage driver (overlay2|fuse-overlayfs|vfs); default: try in that order
#   REDISHA_IMAGE_CACHE    where debootstrap tarballs are cached         (/var/cache/redis-ha-images)
#   REDISHA_ENGINE_TIMEOUT seconds to wait for `docker info`              (60)
#   REDISHA_COMPOSE_PLUGIN where install-engine.sh puts Compose v2       (/usr/local/lib/docker/cli-plugins/docker-compose)

REDISHA_DOCKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REDISHA_DOCKER_STATE="${REDISHA_DOCKER_STATE:-/var/run/redis-ha-docker}"
REDISHA_DOCKERD_PIDFILE="$REDISHA_DOCKER_STATE/dockerd.pid"
REDISHA_DOCKERD_LOG="$REDISHA_DOCKER_STATE/dockerd.log"
REDISHA_IMAGE_CACHE="${REDISHA_IMAGE_CACHE:-/var/cache/redis-ha-images}"
REDISHA_ENGINE_TIMEOUT="${REDISHA_ENGINE_TIMEOUT:-60}"
# one of the docker CLI's own plugin directories, outside anything dpkg manages
REDISHA_COMPOSE_PLUGIN="${REDISHA_COMPOSE_PLUGIN:-/usr/local/lib/docker/cli-plugins/docker-compose}"

# Talk to the engine through the default socket so Testcontainers/docker-java
# find it without DOCKER_HOST.
unset DOCKER_CONTEXT
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# now in ms (for timings)
now_ms() { date +%s%3N; }
elapsed() { local d=$(( $(now_ms) - $1 )); echo "$(( d / 1000 )).$(( (d % 1000) / 100 ))s"; }

# poll_until DEADLINE_SECONDS DESCRIPTION CMD...  — re-run CMD every 0.5 s until it
# succeeds or the deadline passes (no fixed sleeps).
poll_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  while ! "$@" >/dev/null 2>&1; do
    if (( $(date +%s) >= deadline )); then
      log "timed out after ${timeout}s waiting for: $what"
      return 1
    fi
    sleep 0.5
  done
}

docker_ready() { docker info >/dev/null 2>&1; }

# pid of the dockerd we started (from our pidfile), if it is still that dockerd
our_dockerd_pid() {
  local pid
  [ -s "$REDISHA_DOCKERD_PIDFILE" ] || return 1
  pid=$(cat "$REDISHA_DOCKERD_PIDFILE")
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] || return 1
  echo "$pid"
}
