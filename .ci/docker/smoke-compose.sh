#!/usr/bin/env bash
# Quick end-to-end check of docker-compose.yml on the local engine:
#   engine up (install-engine.sh) -> redis-ha/redis:7 built (build-images.sh redis)
#   -> compose up -> all 6 healthy -> Sentinel sees master 127.0.0.1:6379, 2 replicas,
#   2 other sentinels -> write on master / read on both replicas
#   -> docker kill the master -> Sentinels agree on a new master -> write works there
#   -> compose down (always, also on failure).
# The engine is left running (stop it with stop-engine.sh); images are kept.
#
#   bash .ci/docker/smoke-compose.sh
#
# Env: REDIS_IMAGE (default redis-ha/redis:7), REDIS_PASSWORD, REDIS_SENTINEL_PASSWORD,
#      REDIS_MASTER_NAME (same defaults as docker-compose.yml), SMOKE_TIMEOUT (90 s per wait),
#      SMOKE_CONTAINER_CLI=1 (use redis-cli inside a container even if the host has one).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

export REDIS_IMAGE="${REDIS_IMAGE:-redis-ha/redis:7}"
export REDIS_PASSWORD="${REDIS_PASSWORD:-redis-dev-password}"
export REDIS_SENTINEL_PASSWORD="${REDIS_SENTINEL_PASSWORD:-sentinel-dev-password}"
export REDIS_MASTER_NAME="${REDIS_MASTER_NAME:-mymaster}"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-redis-ha-smoke}"
SMOKE_TIMEOUT="${SMOKE_TIMEOUT:-90}"
COMPOSE="$here/compose"
SERVICES=(redis-master redis-replica-1 redis-replica-2 redis-sentinel-1 redis-sentinel-2 redis-sentinel-3)

bash "$here/install-engine.sh"
if [ "$REDIS_IMAGE" = redis-ha/redis:7 ]; then bash "$here/build-images.sh" redis; fi

for p in 6379 6380 6381 26379 26380 26381; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port 127.0.0.1:$p already in use"; fi
done

cleanup() {
  local rc=$?
  if [ $rc -ne 0 ]; then
    log "FAILED (rc=$rc); container states and last log lines:"
    "$COMPOSE" ps >&2 || true
    "$COMPOSE" logs --tail=15 >&2 || true
  fi
  log "compose down"
  "$COMPOSE" down -v --remove-orphans >/dev/null 2>&1 || log "compose down failed"
  exit $rc
}
trap cleanup EXIT

cid() { "$COMPOSE" ps -q "$1"; }

# redis-cli: the host's if it has one (and SMOKE_CONTAINER_CLI is unset), else the one
# in the sentinel-1 container
# (host networking, so 127.0.0.1 is the same loopback either way).
if [ -z "${SMOKE_CONTAINER_CLI:-}" ] && command -v redis-cli >/dev/null 2>&1; then
  rcli_raw() { redis-cli --no-auth-warning "$@"; }
else
  rcli_raw() { docker exec "$RCLI_CID" redis-cli --no-auth-warning "$@"; }
fi
rd() { local port=$1; shift; rcli_raw -h 127.0.0.1 -p "$port" -a "$REDIS_PASSWORD" "$@"; }
st() { local port=$1; shift; rcli_raw -h 127.0.0.1 -p "$port" -a "$REDIS_SENTINEL_PASSWORD" "$@"; }
# value of FIELD in the flat key/value reply of SENTINEL MASTER
master_field() { st "$1" SENTINEL MASTER "$REDIS_MASTER_NAME" | awk -v f="$2" 'p { print; exit } $0 == f { p = 1 }'; }
master_addr() { st "$1" SENTINEL GET-MASTER-ADDR-BY-NAME "$REDIS_MASTER_NAME" | paste -sd' '; }

all_healthy() {
  local s id h
  for s in "${SERVICES[@]}"; do
    id=$(cid "$s"); [ -n "$id" ] || return 1
    h=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")
    [ "$h" = healthy ] || return 1
  done
}
sentinel_sees_topology() { # master 127.0.0.1 6379, 2 replicas, 2 other sentinels
  local p
  for p in 26379 26380 26381; do
    [ "$(master_addr $p)" = "127.0.0.1 6379" ] || return 1
    [ "$(master_field $p num-slaves)" = 2 ] || return 1
    [ "$(master_field $p num-other-sentinels)" = 2 ] || return 1
    [ "$(st $p SENTINEL REPLICAS "$REDIS_MASTER_NAME" | grep -cx name)" = 2 ] || return 1
  done
}
replicas_have() { # KEY VALUE PORT...
  local k=$1 v=$2 p; shift 2
  for p in "$@"; do [ "$(rd "$p" GET "$k")" = "$v" ] || return 1; done
}
NEW_MASTER=""
sentinels_agree_on_new_master() {
  local p a first=""
  for p in 26379 26380 26381; do
    a=$(master_addr $p)
    case "$a" in "127.0.0.1 6379"|"") return 1 ;; esac
    [ -z "$first" ] && first=$a
    [ "$a" = "$first" ] || return 1
  done
  NEW_MASTER=${first#127.0.0.1 }
}
role_is_master() { rd "$1" ROLE | head -n1 | grep -qx master; }
write_ok() { [ "$(rd "$1" SET smoke:after-failover yes)" = OK ]; }

# ------------------------------------------------------------------ up
T=$(now_ms)
log "compose up (REDIS_IMAGE=$REDIS_IMAGE, project $COMPOSE_PROJECT_NAME)"
"$COMPOSE" up -d "${SERVICES[@]}"   # the Redis nodes only, not the sample app
log "compose up returned [$(elapsed "$T")]"
poll_until "$SMOKE_TIMEOUT" "all 6 containers healthy" all_healthy
UP_HEALTHY=$(elapsed "$T")
log "all 6 healthy after $UP_HEALTHY"
RCLI_CID=$(cid redis-sentinel-1)

poll_until "$SMOKE_TIMEOUT" "sentinels: master 127.0.0.1 6379, 2 replicas, 2 other sentinels" sentinel_sees_topology
log "sentinel 26379: master $(master_addr 26379), num-slaves $(master_field 26379 num-slaves), num-other-sentinels $(master_field 26379 num-other-sentinels), quorum $(master_field 26379 quorum) [$(elapsed "$T")]"

# ------------------------------------------------------------------ replication
val="v-$RANDOM-$(date +%s)"
[ "$(rd 6379 SET smoke:key "$val")" = OK ] || die "SET on master failed"
poll_until 20 "value replicated to 6380 and 6381" replicas_have smoke:key "$val" 6380 6381
log "write on master 6379 / read on replicas 6380, 6381: ok"
if rd 6380 SET smoke:ro x 2>&1 | grep -q READONLY; then log "replica 6380 rejects writes (READONLY): ok"; else die "replica accepted a write"; fi

# ------------------------------------------------------------------ failover
master_cid=$(cid redis-master)
T=$(now_ms)
log "docker kill redis-master ($master_cid)"
docker kill "$master_cid" >/dev/null
poll_until "$SMOKE_TIMEOUT" "sentinels to agree on a new master" sentinels_agree_on_new_master
FAILOVER=$(elapsed "$T")
log "new master 127.0.0.1:$NEW_MASTER reported by all 3 sentinels after $FAILOVER"
poll_until 30 "127.0.0.1:$NEW_MASTER to be master" role_is_master "$NEW_MASTER"
# min-replicas-to-write 1: writes succeed once the other replica has re-attached
poll_until 60 "a write on the new master (needs 1 replica attached)" write_ok "$NEW_MASTER"
WRITABLE=$(elapsed "$T")
[ "$(rd "$NEW_MASTER" GET smoke:key)" = "$val" ] || die "value written before the failover is missing on the new master"
log "new master accepts writes and has the pre-failover data, $WRITABLE after the kill"

printf '\nSMOKE OK: compose up -> healthy %s; kill master -> new master (%s) %s, writable %s\n' \
  "$UP_HEALTHY" "$NEW_MASTER" "$FAILOVER" "$WRITABLE"
