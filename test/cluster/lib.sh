# Shared helpers for the control-plane scripts (sourced, not executed).
# shellcheck shell=bash

cp_log() { echo "[control-plane] $*" >&2; }
cp_die() { echo "[control-plane] ERROR: $*" >&2; exit 1; }

# Is a TCP port in use (any state) on this host? Reads /proc so it needs no extra tools.
cp_port_in_use() {
  local hex; hex="$(printf '%04X' "$1")"
  awk -v p=":$hex" 'NR>1 && substr($2, length($2)-4)==p {f=1} END{exit !f}' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# Is something LISTENing on a TCP port?
cp_port_listening() {
  local hex; hex="$(printf '%04X' "$1")"
  awk -v p=":$hex" 'NR>1 && $4=="0A" && substr($2, length($2)-4)==p {f=1} END{exit !f}' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# Print a random free TCP port in 20000-60999 not in the list given as arguments.
cp_free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 41000 ))
    [[ " $* " == *" $p "* ]] && continue
    cp_port_in_use "$p" || { echo "$p"; return 0; }
  done
  cp_die "could not find a free TCP port"
}

# Load <workdir>/cluster.env into the current shell.
cp_load_env() {
  local dir="$1"
  [[ -f "$dir/cluster.env" ]] || cp_die "$dir/cluster.env not found (control plane not started there?)"
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
}

# Set KEY=VALUE in <workdir>/cluster.env (replacing an existing line).
cp_set_env() {
  local file="$1/cluster.env" key="$2" val="$3"
  if grep -q "^$key=" "$file" 2>/dev/null; then
    sed -i "s|^$key=.*|$key=$val|" "$file"
  else
    echo "$key=$val" >> "$file"
  fi
}

# Is pid alive (and not a zombie waiting to be reaped)?
cp_alive() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null || return 1
  local st; st="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$st" && "$st" != Z && "$st" != X ]]
}

# Send SIGTERM to a pid, wait up to $2 seconds (default 15), then SIGKILL.
cp_kill_wait() {
  local pid="$1" secs="${2:-15}"
  cp_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(( secs * 10 ))); do
    cp_alive "$pid" || return 0
    sleep 0.1
  done
  cp_log "pid $pid did not exit after ${secs}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
}

# Poll the apiserver's /readyz with the admin client cert until it answers "ok".
cp_wait_apiserver() {
  local dir="$1" port="$2" timeout="${3:-90}" pid="$4" start=$SECONDS out=""
  while (( SECONDS - start < timeout )); do
    if [[ -n "$pid" ]] && ! cp_alive "$pid"; then
      cp_log "kube-apiserver (pid $pid) exited; last log lines:"
      tail -n 40 "$dir/logs/kube-apiserver.log" >&2 || true
      return 1
    fi
    out="$(curl -sS --max-time 5 --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" \
      --key "$dir/pki/admin.key" "https://127.0.0.1:$port/readyz" 2>&1)" && [[ "$out" == ok ]] && return 0
    sleep 0.5
  done
  cp_log "kube-apiserver not ready after ${timeout}s (last /readyz answer: ${out:0:300}); last log lines:"
  tail -n 40 "$dir/logs/kube-apiserver.log" >&2 || true
  curl -sS --max-time 5 --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" \
    --key "$dir/pki/admin.key" "https://127.0.0.1:$port/readyz?verbose" 2>&1 | grep -v '\[+\]' >&2 || true
  return 1
}

# Launch <workdir>/run-<name>.sh detached (own session, survives the caller) and print its pid.
# The run script writes its own pid to <workdir>/<name>.pid before exec'ing the binary.
cp_launch() {
  local dir="$1" name="$2"
  rm -f "$dir/$name.pid"
  setsid "$dir/run-$name.sh" >>"$dir/logs/$name.log" 2>&1 < /dev/null &
  for _ in $(seq 1 100); do
    [[ -s "$dir/$name.pid" ]] && { cat "$dir/$name.pid"; return 0; }
    sleep 0.05
  done
  cp_die "$name did not start (no pid file)"
}

# Regenerate <workdir>/cluster.json from cluster.env (flat string map).
cp_write_json() {
  local dir="$1" k v sep=""
  {
    echo "{"
    while IFS='=' read -r k v; do
      [[ -n "$k" ]] || continue
      printf '%s  "%s": "%s"' "$sep" "$k" "$v"; sep=$',\n'
    done < "$dir/cluster.env"
    printf '\n}\n'
  } > "$dir/cluster.json.tmp" && mv "$dir/cluster.json.tmp" "$dir/cluster.json"
}
