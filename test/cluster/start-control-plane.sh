#!/usr/bin/env bash
# Start etcd + kube-apiserver on 127.0.0.1 with fresh state in <workdir>.
#
# Usage: start-control-plane.sh <workdir>
# Env:   KUBE_APISERVER, KUBECTL, ETCD   binary paths (default: run build-control-plane.sh, cached)
#        KUBEWARD_APISERVER_EXTRA_ARGS   extra kube-apiserver flags (word-split)
#        KUBEWARD_CP_WATCH_PID           if set, a watchdog stops the control plane when that pid exits
#        KUBEWARD_CP_READY_TIMEOUT       seconds to wait for /readyz (default 90)
# Writes <workdir>/cluster.env (and cluster.json), kubeconfigs, pki/, logs/, audit/audit.log.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"

[[ $# -eq 1 ]] || cp_die "usage: $0 <workdir>"
mkdir -p "$1"
W="$(cd "$1" && pwd)"
[[ "$W" != *[[:space:]]* ]] || cp_die "workdir must not contain whitespace: $W"
[[ ! -e "$W/cluster.env" ]] || cp_die "$W already holds a control plane (cluster.env exists); stop it and use a fresh dir"
for t in openssl curl setsid; do command -v "$t" >/dev/null || cp_die "'$t' is required (apt-get install $t)"; done

if [[ -z "${KUBE_APISERVER:-}" || -z "${KUBECTL:-}" || -z "${ETCD:-}" ]]; then
  eval "$("$HERE/build-control-plane.sh" | grep -E '^(KUBE_APISERVER|KUBECTL|ETCD)=')"
fi
for b in "$KUBE_APISERVER" "$KUBECTL" "$ETCD"; do [[ -x "$b" ]] || cp_die "binary not found: $b"; done

mkdir -p "$W/pki" "$W/logs" "$W/audit" "$W/etcd-data"
chmod 700 "$W/etcd-data"

# ---------------------------------------------------------------- ports
ETCD_PORT="$(cp_free_port)"
ETCD_PEER_PORT="$(cp_free_port "$ETCD_PORT")"
APISERVER_PORT="$(cp_free_port "$ETCD_PORT" "$ETCD_PEER_PORT")"

# ---------------------------------------------------------------- PKI
cp_log "generating PKI in $W/pki"
P="$W/pki"
ossl() { openssl "$@" 2>>"$W/logs/openssl.log" >/dev/null || cp_die "openssl $1 failed (see $W/logs/openssl.log)"; }
ossl req -x509 -newkey rsa:2048 -nodes -keyout "$P/ca.key" -out "$P/ca.crt" -days 3650 \
  -subj "/CN=kubeward-test-ca" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"
# sign <name> <subject> <extKeyUsage> [subjectAltName]
sign() {
  local name="$1" subj="$2" eku="$3" san="${4:-}" ext="$P/$1.ext"
  ossl req -newkey rsa:2048 -nodes -keyout "$P/$name.key" -out "$P/$name.csr" -subj "$subj"
  { echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [[ -z "$san" ]] || echo "subjectAltName=$san"; } > "$ext"
  ossl x509 -req -in "$P/$name.csr" -CA "$P/ca.crt" -CAkey "$P/ca.key" -CAcreateserial \
    -out "$P/$name.crt" -days 3650 -extfile "$ext"
  rm -f "$P/$name.csr" "$ext"
}
sign apiserver "/CN=kube-apiserver" serverAuth \
  "IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
sign admin "/O=system:masters/CN=kubeward-admin" clientAuth
sign kubeward "/CN=kubeward" clientAuth
sign lowpriv "/CN=lowpriv" clientAuth
ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$P/sa.key"
ossl pkey -in "$P/sa.key" -pubout -out "$P/sa.pub"

# ---------------------------------------------------------------- audit policy
cat > "$W/audit/policy.yaml" <<'YAML'
# Every request at Metadata level; RequestReceived is omitted so each request logs once
# (ResponseComplete; long-running requests such as watches also log ResponseStarted).
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: Metadata
YAML

# ---------------------------------------------------------------- run scripts
cat > "$W/run-etcd.sh" <<RUN
#!/usr/bin/env bash
echo \$\$ > "$W/etcd.pid"
exec "$ETCD" --name kubeward --data-dir "$W/etcd-data" \\
  --listen-client-urls http://127.0.0.1:$ETCD_PORT --advertise-client-urls http://127.0.0.1:$ETCD_PORT \\
  --listen-peer-urls http://127.0.0.1:$ETCD_PEER_PORT --initial-advertise-peer-urls http://127.0.0.1:$ETCD_PEER_PORT \\
  --initial-cluster kubeward=http://127.0.0.1:$ETCD_PEER_PORT --initial-cluster-state new \\
  --unsafe-no-fsync --log-level warn
RUN
cat > "$W/run-kube-apiserver.sh" <<RUN
#!/usr/bin/env bash
echo \$\$ > "$W/kube-apiserver.pid"
exec "$KUBE_APISERVER" \\
  --etcd-servers=http://127.0.0.1:$ETCD_PORT \\
  --advertise-address=127.0.0.1 --bind-address=127.0.0.1 --secure-port=$APISERVER_PORT \\
  --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" \\
  --client-ca-file="$P/ca.crt" --authorization-mode=RBAC \\
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \\
  --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \\
  --service-cluster-ip-range=10.0.0.0/24 --endpoint-reconciler-type=none --allow-privileged=true \\
  --audit-policy-file="$W/audit/policy.yaml" --audit-log-path="$W/audit/audit.log" \\
  --audit-log-format=json --audit-log-mode=blocking --audit-log-maxsize=0 \\
  --shutdown-watch-termination-grace-period=3s \\
  --profiling=false --v=1 ${KUBEWARD_APISERVER_EXTRA_ARGS:-}
RUN
chmod +x "$W/run-etcd.sh" "$W/run-kube-apiserver.sh"

# ---------------------------------------------------------------- etcd
cp_log "starting etcd on 127.0.0.1:$ETCD_PORT"
ETCD_PID="$(cp_launch "$W" etcd)" || cp_die "could not launch etcd"
for i in $(seq 1 150); do
  curl -sf --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"' && break
  cp_alive "$ETCD_PID" || { tail -n 30 "$W/logs/etcd.log" >&2; cp_die "etcd exited"; }
  (( i < 150 )) || { tail -n 30 "$W/logs/etcd.log" >&2; kill "$ETCD_PID"; cp_die "etcd not healthy after 30s"; }
  sleep 0.2
done

# ---------------------------------------------------------------- cluster.env (written early so stop works on failure)
SERVER="https://127.0.0.1:$APISERVER_PORT"
cat > "$W/cluster.env" <<ENV
CP_DIR=$W
SERVER=$SERVER
APISERVER_PORT=$APISERVER_PORT
ETCD_PORT=$ETCD_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
ETCD_PID=$ETCD_PID
APISERVER_PID=
WATCHDOG_PID=
KUBE_APISERVER=$KUBE_APISERVER
KUBECTL=$KUBECTL
ETCD=$ETCD
CA_CERT=$P/ca.crt
ADMIN_KUBECONFIG=$W/admin.kubeconfig
KUBEWARD_KUBECONFIG=$W/kubeward.kubeconfig
LOWPRIV_KUBECONFIG=$W/lowpriv.kubeconfig
AUDIT_LOG=$W/audit/audit.log
APISERVER_LOG=$W/logs/kube-apiserver.log
ETCD_LOG=$W/logs/etcd.log
ENV

fail() { cp_log "startup failed; stopping"; "$HERE/stop-control-plane.sh" "$W" >&2 || true; exit 1; }

# ---------------------------------------------------------------- kube-apiserver
cp_log "starting kube-apiserver on $SERVER"
APISERVER_PID="$(cp_launch "$W" kube-apiserver)" || fail
cp_set_env "$W" APISERVER_PID "$APISERVER_PID"
cp_wait_apiserver "$W" "$APISERVER_PORT" "${KUBEWARD_CP_READY_TIMEOUT:-90}" "$APISERVER_PID" || fail

# ---------------------------------------------------------------- kubeconfigs
mkkubeconfig() { # <file> <user> <pki name>
  local f="$1" user="$2" k=("$KUBECTL" --kubeconfig "$1" config)
  "${k[@]}" set-cluster kubeward-test --server="$SERVER" --certificate-authority="$P/ca.crt" --embed-certs=true >/dev/null
  "${k[@]}" set-credentials "$user" --client-certificate="$P/$3.crt" --client-key="$P/$3.key" --embed-certs=true >/dev/null
  "${k[@]}" set-context "$user@kubeward-test" --cluster=kubeward-test --user="$user" >/dev/null
  "${k[@]}" use-context "$user@kubeward-test" >/dev/null
  chmod 600 "$f"
}
mkkubeconfig "$W/admin.kubeconfig" kubeward-admin admin
mkkubeconfig "$W/kubeward.kubeconfig" kubeward kubeward
mkkubeconfig "$W/lowpriv.kubeconfig" lowpriv lowpriv

# ---------------------------------------------------------------- RBAC + namespaces
"$KUBECTL" --kubeconfig "$W/admin.kubeconfig" apply -f - >"$W/logs/bootstrap.log" 2>&1 <<'YAML' || { cat "$W/logs/bootstrap.log" >&2; fail; }
apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
# No controller-manager => no token/SA controllers: create the "default" SAs ourselves.
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: default}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: kube-system}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: kube-public}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: team-a}
---
# The built-in "view" role is aggregated by the controller-manager, which is not running,
# so kubeward's read-only user gets an explicit role.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: kubeward-reader}
rules:
  - apiGroups: [""]
    resources: [pods, namespaces, serviceaccounts, secrets, configmaps, replicationcontrollers, services]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [nodes, resourcequotas, limitranges]
    verbs: [get, list, watch]
  - apiGroups: [admissionregistration.k8s.io]
    resources: [validatingadmissionpolicybindings]
    verbs: [get, list, watch]
  - apiGroups: [apps]
    resources: [deployments, replicasets, statefulsets, daemonsets]
    verbs: [get, list, watch]
  - apiGroups: [batch]
    resources: [jobs, cronjobs]
    verbs: [get, list, watch]
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [roles, rolebindings, clusterroles, clusterrolebindings]
    verbs: [get, list, watch]
  - apiGroups: [networking.k8s.io]
    resources: [networkpolicies, ingresses]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubeward-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kubeward-reader}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: kubeward}]
---
# lowpriv: pods + its own namespace object in team-a, nothing else.
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: lowpriv, namespace: team-a}
rules:
  - apiGroups: [""]
    resources: [pods, namespaces]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: lowpriv, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: lowpriv}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: lowpriv}]
YAML

# ---------------------------------------------------------------- optional watchdog
if [[ -n "${KUBEWARD_CP_WATCH_PID:-}" ]]; then
  setsid "$HERE/watchdog.sh" "$KUBEWARD_CP_WATCH_PID" "$W" >>"$W/logs/watchdog.log" 2>&1 < /dev/null &
  cp_set_env "$W" WATCHDOG_PID "$!"
fi

cp_write_json "$W"
cp_load_env "$W"
cp_log "ready: $SERVER (apiserver pid $APISERVER_PID, etcd pid $ETCD_PID); env in $W/cluster.env"
cat "$W/cluster.env"
