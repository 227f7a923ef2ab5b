#!/usr/bin/env bash
# Started (detached) by start-control-plane.sh when KUBEWARD_CP_WATCH_PID is set:
# stops the control plane in <workdir> once <pid> has exited, unless it was stopped already.
# Usage: watchdog.sh <pid> <workdir>
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
pid="$1" W="$2"
trap 'cp_log "watchdog: got SIGTERM"; exit 0' TERM
trap 'cp_log "watchdog: got SIGHUP (ignored)"' HUP
while cp_alive "$pid" && [[ -f "$W/cluster.env" ]]; do sleep 1; done
if [[ -f "$W/cluster.env" ]]; then
  cp_log "watchdog: owner pid $pid exited without stopping the control plane; stopping it"
  "$HERE/stop-control-plane.sh" "$W"
fi
