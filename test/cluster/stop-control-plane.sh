#!/usr/bin/env bash
# Stop the control plane started by start-control-plane.sh in <workdir> (apiserver first, then etcd).
# Idempotent. The workdir (logs, audit log, certs) is left in place for inspection.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
[[ $# -eq 1 ]] || cp_die "usage: $0 <workdir>"
W="$(cd "$1" && pwd)"
if [[ ! -f "$W/cluster.env" ]]; then cp_log "nothing running in $W (no cluster.env)"; exit 0; fi
cp_load_env "$W"
# Stop the watchdog unless it is the one calling us.
if [[ -n "${WATCHDOG_PID:-}" && "$WATCHDOG_PID" != "$PPID" ]]; then kill "$WATCHDOG_PID" 2>/dev/null || true; fi
cp_kill_wait "${APISERVER_PID:-}" 20
cp_kill_wait "${ETCD_PID:-}" 20
mv "$W/cluster.env" "$W/cluster.env.stopped"
rm -f "$W/cluster.json"
cp_log "stopped control plane in $W"
