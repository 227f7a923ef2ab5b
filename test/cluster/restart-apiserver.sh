#!/usr/bin/env bash
# Kill ONLY kube-apiserver and start it again with identical flags (same port, same etcd,
# same certs, same audit log), then wait for /readyz. Updates APISERVER_PID in cluster.env.
# Env: KUBEWARD_CP_DOWN_SECONDS      extra seconds to stay down before restarting (default 0)
#      KUBEWARD_CP_RESTART_SIGNAL    TERM (graceful, default) or KILL (simulated crash)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
[[ $# -eq 1 ]] || cp_die "usage: $0 <workdir>"
W="$(cd "$1" && pwd)"
cp_load_env "$W"
SIG="${KUBEWARD_CP_RESTART_SIGNAL:-TERM}"
cp_log "stopping kube-apiserver (pid ${APISERVER_PID:-?}, SIG$SIG)"
if [[ "$SIG" == KILL ]] && cp_alive "${APISERVER_PID:-}"; then
  kill -KILL "$APISERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do cp_alive "$APISERVER_PID" || break; sleep 0.1; done
fi
cp_kill_wait "${APISERVER_PID:-}" 20
for _ in $(seq 1 100); do cp_port_listening "$APISERVER_PORT" || break; sleep 0.1; done
sleep "${KUBEWARD_CP_DOWN_SECONDS:-0}"
APISERVER_PID="$(cp_launch "$W" kube-apiserver)"
cp_set_env "$W" APISERVER_PID "$APISERVER_PID"
cp_write_json "$W"
cp_wait_apiserver "$W" "$APISERVER_PORT" "${KUBEWARD_CP_READY_TIMEOUT:-90}" "$APISERVER_PID" \
  || cp_die "kube-apiserver did not come back (log: $W/logs/kube-apiserver.log)"
cp_log "kube-apiserver back on $SERVER (pid $APISERVER_PID)"
