#!/usr/bin/env bash
# Install (idempotently) and start a loopback-only Docker engine for CI.
#
#   bash .ci/docker/install-engine.sh
#
# - apt-get installs docker.io and debootstrap from Debian's own archive, only if
#   something is missing (apt-get update at most once).
# - Docker Compose v2 (`docker compose`, what Spring Boot's Docker Compose support runs):
#   bookworm only has v1.29 (python), so the docker-compose 2.x package of Debian trixie
#   (same mirror) is downloaded with a throwaway apt state and only its plugin binary
#   (a Go binary needing nothing but libc >= 2.34) is copied to $REDISHA_COMPOSE_PLUGIN.
#   No trixie source is added to the system and dpkg's database is not touched, so
#   nothing of bookworm can be upgraded or broken by it.
# - starts `dockerd --bridge=none --iptables=false` in the background unless an
#   engine already answers `docker info`; pidfile + log in $REDISHA_DOCKER_STATE.
#   All containers must use host networking (there is no bridge network).
# - storage driver: tries overlay2, then fuse-overlayfs, then vfs (first one whose
#   daemon comes up wins), unless REDISHA_DOCKER_STORAGE_DRIVER forces one.
# - waits (polling, deadline $REDISHA_ENGINE_TIMEOUT s) until `docker info` answers.
# Stop it again with .ci/docker/stop-engine.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, dockerd)"

t0=$(now_ms)

# ---------------------------------------------------------------- packages
need=()
command -v dockerd        >/dev/null 2>&1 || need+=(docker.io)
[ -x /usr/bin/containerd ] || command -v containerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap    >/dev/null 2>&1 || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  log "installing: ${need[*]}"
  # Keep the package's init script from starting a default (bridged, iptables)
  # dockerd: use a policy-rc.d that forbids service starts during the install.
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
  log "packages installed in $(elapsed "$t0")"
else
  log "packages already installed"
fi

# ---------------------------------------------------------------- compose v2
compose_v2() { docker compose version --short 2>/dev/null | grep -q '^v\?2\.'; }
if compose_v2; then
  log "docker compose $(docker compose version --short) already installed"
else
  t2=$(now_ms)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # the system's own Debian mirror (first deb822 entry for bookworm), asked for trixie
  mirror=$(awk '/^URIs:/ {u=$2} /^Suites:/ && / bookworm( |$)/ {print u; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || die "no bookworm entry in /etc/apt/sources.list{,.d/*.sources} to take the Debian mirror from"
  mkdir -p "$work/sources" "$work/lists/partial" "$work/cache/archives/partial"
  printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" > "$work/sources/trixie.sources"
  apt_trixie=(apt-get -qq
    -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/sources"
    -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache"
    -o APT::Sandbox::User=root)
  log "installing Docker Compose v2 (docker-compose from Debian trixie, plugin binary only)"
  "${apt_trixie[@]}" update
  (cd "$work" && "${apt_trixie[@]}" download docker-compose)
  deb=$(ls "$work"/docker-compose_2.*.deb 2>/dev/null | head -n 1)
  [ -n "$deb" ] || die "Debian trixie did not serve a docker-compose 2.x package"
  dpkg-deb -x "$deb" "$work/root"
  install -D -m 755 "$work/root/usr/libexec/docker/cli-plugins/docker-compose" "$REDISHA_COMPOSE_PLUGIN"
  rm -rf "$work"
  trap - EXIT
  compose_v2 || die "docker compose version does not report v2 after installing $REDISHA_COMPOSE_PLUGIN"
  log "docker compose $(docker compose version --short) installed in $(elapsed "$t2")"
fi

# ---------------------------------------------------------------- engine
mkdir -p "$REDISHA_DOCKER_STATE"

if docker_ready; then
  log "docker engine already answering ($(docker info --format '{{.ServerVersion}} / {{.Driver}}' 2>/dev/null)); not starting another"
  exit 0
fi

if pid=$(our_dockerd_pid); then
  log "our dockerd (pid $pid) is running but not answering yet; waiting"
  poll_until "$REDISHA_ENGINE_TIMEOUT" "docker info" docker_ready || die "dockerd not ready; see $REDISHA_DOCKERD_LOG"
  exit 0
fi

if [ -n "${REDISHA_DOCKER_STORAGE_DRIVER:-}" ]; then
  drivers=("$REDISHA_DOCKER_STORAGE_DRIVER")
else
  drivers=(overlay2 fuse-overlayfs vfs)
fi

start_dockerd() { # $1 = storage driver; returns 0 when `docker info` answers
  local driver=$1
  if [ "$driver" = fuse-overlayfs ] && ! command -v fuse-overlayfs >/dev/null 2>&1; then
    log "skipping fuse-overlayfs (not installed)"
    return 1
  fi
  rm -f "$REDISHA_DOCKERD_PIDFILE"
  log "starting dockerd --bridge=none --iptables=false --storage-driver=$driver (log: $REDISHA_DOCKERD_LOG)"
  echo "==== $(date -Is) starting with storage driver $driver" >> "$REDISHA_DOCKERD_LOG"
  setsid dockerd \
      --bridge=none \
      --iptables=false \
      --ip-masq=false \
      --storage-driver="$driver" \
      --pidfile="$REDISHA_DOCKERD_PIDFILE" \
      --host=unix:///var/run/docker.sock \
      </dev/null >>"$REDISHA_DOCKERD_LOG" 2>&1 &
  local pid=$! deadline=$(( $(date +%s) + REDISHA_ENGINE_TIMEOUT ))
  while ! docker_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "dockerd exited with storage driver $driver:"
      tail -n 5 "$REDISHA_DOCKERD_LOG" >&2 || true
      return 1
    fi
    if (( $(date +%s) >= deadline )); then
      log "dockerd (pid $pid) did not answer within ${REDISHA_ENGINE_TIMEOUT}s; stopping it"
      kill -TERM "$pid" 2>/dev/null || true
      poll_until 20 "dockerd $pid to exit" bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
  # dockerd writes the pidfile itself; make sure it is there for stop-engine.sh
  [ -s "$REDISHA_DOCKERD_PIDFILE" ] || echo "$pid" > "$REDISHA_DOCKERD_PIDFILE"
  echo "$driver" > "$REDISHA_DOCKER_STATE/storage-driver"   # for information only
  return 0
}

t1=$(now_ms)
for d in "${drivers[@]}"; do
  if start_dockerd "$d"; then
    log "docker engine ready in $(elapsed "$t1"): $(docker info --format 'server {{.ServerVersion}}, storage {{.Driver}}, data-root {{.DockerRootDir}}'), pid $(cat "$REDISHA_DOCKERD_PIDFILE")"
    log "total $(elapsed "$t0")"
    exit 0
  fi
done
die "could not start dockerd with any storage driver (${drivers[*]}); see $REDISHA_DOCKERD_LOG"
