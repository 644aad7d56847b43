#!/usr/bin/env bash
# Stop the dockerd started by install-engine.sh (by its pidfile only; an engine
# somebody else started is left alone). Images stay in the data root.
#
#   bash .ci/docker/stop-engine.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ ! -s "$REDISHA_DOCKERD_PIDFILE" ]; then
  log "no pidfile $REDISHA_DOCKERD_PIDFILE: no dockerd of ours to stop"
  exit 0
fi
if ! pid=$(our_dockerd_pid); then
  log "dockerd pid $(cat "$REDISHA_DOCKERD_PIDFILE") is not running (any more); removing stale pidfile"
  rm -f "$REDISHA_DOCKERD_PIDFILE"
  exit 0
fi
# dockerd's own (managed) containerd, so we can make sure it is gone too
ctr_pid=""
[ -s /var/run/docker/containerd/containerd.pid ] && ctr_pid=$(cat /var/run/docker/containerd/containerd.pid)

t0=$(now_ms)
log "stopping dockerd pid $pid"
kill -TERM "$pid"
if ! poll_until 30 "dockerd $pid to exit" bash -c "! kill -0 $pid"; then
  log "dockerd $pid still running after 30s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
fi
if [ -n "$ctr_pid" ] && kill -0 "$ctr_pid" 2>/dev/null; then
  log "stopping leftover containerd pid $ctr_pid"
  kill -TERM "$ctr_pid" 2>/dev/null || true
  poll_until 15 "containerd $ctr_pid to exit" bash -c "! kill -0 $ctr_pid" || kill -KILL "$ctr_pid" 2>/dev/null || true
fi
rm -f "$REDISHA_DOCKERD_PIDFILE"
log "dockerd stopped in $(elapsed "$t0")"
