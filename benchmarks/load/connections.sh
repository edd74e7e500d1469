#!/usr/bin/env bash
# The connection-scale run: 10,000 idle keep-alive connections held against the gateway (each has
# carried one unified GET), the gateway's RSS reported, then a wrk run while they are held, then
# one more request on every held connection. Same build, mocks and pinning as run.sh.
#
#   benchmarks/load/connections.sh [--count N] [--duration S] [--connections N] [--threads N]
#                                  [--load-cpus LIST] [--proxy-cpus LIST] [--build-dir DIR] [--no-build]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNT=10000 DURATION=10 CONNECTIONS=32 THREADS=1 LOAD_CPUS=0 PROXY_CPUS=1
BUILD_DIR="$PGW_ROOT/build/bench" BUILD=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) COUNT=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --load-cpus) LOAD_CPUS=$2; shift 2 ;;
    --proxy-cpus) PROXY_CPUS=$2; shift 2 ;;
    --build-dir) BUILD_DIR=$2; shift 2 ;;
    --no-build) BUILD=""; shift ;;
    --keep) PGW_KEEP=1; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) pgw_die "unknown argument $1 (try --help)" ;;
  esac
done
# Every process started from here inherits the raised limit: the client holds COUNT sockets, the
# gateway COUNT plus its upstream connections.
need=$((COUNT + 1024))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(($(ulimit -n) >= need)) || pgw_die "ulimit -n $(ulimit -n) is below the $need descriptors needed"

PGW_WORK=$(mktemp -d /tmp/pgw-conn.XXXXXX)
trap pgw_cleanup EXIT
trap 'exit 130' INT TERM
if [[ -n $BUILD ]]; then pgw_build "$BUILD_DIR" profilegw profilegw-mocks; fi

pgw_start_mocks "$BUILD_DIR/mocks/profilegw-mocks" "$LOAD_CPUS" 1
pgw_start_gateway "$BUILD_DIR/gateway/profilegw" "$PROXY_CPUS" "$THREADS" $((COUNT + 2 * CONNECTIONS + 16))
URL="http://127.0.0.1:$GW_PORT/v1/profile"
HEADERS=(--header "X-Api-Key: bench-django-key" --header "Authorization: Bearer django-token-alice")
curl -sf -o /dev/null -H "${HEADERS[1]}" -H "${HEADERS[3]}" "$URL" || pgw_die "the gateway does not serve $URL"
rss_start=$(pgw_vm "$GW_PID" VmRSS)

pgw_log "opening $COUNT connections"
# exec: the coproc's pid is then the client itself, which SIGUSR1 below must reach.
coproc CLIENT { exec taskset -c "$LOAD_CPUS" python3 "$PGW_LOAD_DIR/idle_clients.py" --port "$GW_PORT" --count "$COUNT" \
  --hold 600 "${HEADERS[@]}"; }
PGW_PIDS+=("$CLIENT_PID")
client_pid=$CLIENT_PID
read -r _ held failed <&"${CLIENT[0]}"
sleep 1
rss_held=$(pgw_vm "$GW_PID" VmRSS)
hwm_held=$(pgw_vm "$GW_PID" VmHWM)
open_gauge=$(curl -s "http://127.0.0.1:$GW_PORT/metrics" | awk '$1 == "profilegw_connections_open" { print $2 }')
pgw_log "held $held (failed $failed); gateway RSS $((rss_held / 1024)) MB"

pgw_log "wrk -c$CONNECTIONS -d${DURATION}s while they are held"
PGW_METHOD=GET PGW_HEADERS=$'X-Api-Key: bench-django-key\nAuthorization: Bearer django-token-alice' \
  PGW_LABEL="gateway django get (while $held held)" PGW_RESULT="$PGW_WORK/wrk.jsonl" PGW_LUA_DIR=$PGW_LOAD_DIR \
  taskset -c "$LOAD_CPUS" timeout $((DURATION + 60)) \
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION"s --timeout 5s --latency -s "$PGW_LOAD_DIR/request.lua" "$URL" \
  >"$PGW_WORK/wrk.out" 2>&1
rss_after=$(pgw_vm "$GW_PID" VmRSS)

kill -USR1 "$client_pid"
read -r _ second_ok second_failed <&"${CLIENT[0]}"
hwm_end=$(pgw_vm "$GW_PID" VmHWM)

python3 - "$PGW_WORK/wrk.jsonl" <<EOF
import json, sys
r = json.loads(open(sys.argv[1]).readline())
e = r["errors"]
errors = e["connect"] + e["read"] + e["write"] + e["status"] + e["timeout"]
mb = lambda kb: f"{int(kb) / 1024:.1f} MB"
print(f"idle keep-alive connections held: $held of $COUNT (failed to open: $failed; gateway's open gauge: ${open_gauge:-?})")
print(f"gateway RSS: {mb($rss_start)} before, {mb($rss_held)} with them held, {mb($rss_after)} after wrk; "
      f"peak (VmHWM) {mb($hwm_end)}")
print(f"per held connection: {(int($rss_held) - int($rss_start)) * 1024 / max(1, int('$held')):.0f} bytes of RSS")
print(f"wrk -t1 -c$CONNECTIONS -d${DURATION}s while held: {r['requests'] / (r['duration_us'] / 1e6):,.0f} req/s, "
      f"p50 {r['p50_us'] / 1000:.2f} ms, p99 {r['p99_us'] / 1000:.2f} ms, p99.9 {r['p999_us'] / 1000:.2f} ms, "
      f"{errors} errors")
print(f"second request on every held connection: $second_ok ok, $second_failed failed")
print(f"target RSS <= 64 MB with 10,000 idle connections: {'met' if int($hwm_end) <= 64 * 1024 else 'MISSED'} "
      f"(peak {mb($hwm_end)}); load average {open('/proc/loadavg').read().split()[:3]}")
EOF
