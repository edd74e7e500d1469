#!/usr/bin/env bash
# The load benchmark, one command: builds the bench preset, starts the mocks (the backend), the
# gateway and nginx (a keep-alive reverse proxy with the gateway's CPU budget) on loopback, pinned,
# and runs wrk with identical settings against the backend direct, nginx -> backend and gateway ->
# backend, for GET and PATCH of each provider. Prints one table (benchmarks/load/report.py);
# everything it starts stops by itself. See benchmarks/README.md for the layout and the figures.
#
#   benchmarks/load/run.sh [--duration S] [--warmup S] [--connections N] [--wrk-threads N]
#                          [--threads N] [--repeat N] [--providers "django shop ..."]
#                          [--ops "get patch"] [--variants "direct nginx gateway"]
#                          [--load-cpus LIST] [--proxy-cpus LIST] [--mock-threads N]
#                          [--build-dir DIR] [--no-build] [--keep] [--results FILE]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=10 WARMUP=2 CONNECTIONS=32 WRK_THREADS=1 THREADS=1 REPEAT=1
PROVIDERS="${PGW_PROVIDERS_ALL[*]}" OPS="get patch" VARIANTS="direct nginx gateway"
# The layout: wrk and the backend share LOAD_CPUS, the proxy under test (gateway or nginx) gets
# PROXY_CPUS, the same for every variant. On a 2-core machine: load on CPU 0, proxy on CPU 1.
LOAD_CPUS=0 PROXY_CPUS=1 MOCK_THREADS=1
BUILD_DIR="$PGW_ROOT/build/bench" BUILD=1 RESULTS=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --wrk-threads) WRK_THREADS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --providers) PROVIDERS=$2; shift 2 ;;
    --ops) OPS=$2; shift 2 ;;
    --variants) VARIANTS=$2; shift 2 ;;
    --load-cpus) LOAD_CPUS=$2; shift 2 ;;
    --proxy-cpus) PROXY_CPUS=$2; shift 2 ;;
    --mock-threads) MOCK_THREADS=$2; shift 2 ;;
    --build-dir) BUILD_DIR=$2; shift 2 ;;
    --no-build) BUILD=""; shift ;;
    --keep) PGW_KEEP=1; shift ;;
    --results) RESULTS=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) pgw_die "unknown argument $1 (try --help)" ;;
  esac
done
command -v wrk >/dev/null || pgw_die "wrk is missing: scripts/bootstrap --bench"
command -v nginx >/dev/null || pgw_die "nginx is missing: scripts/bootstrap --bench"

PGW_WORK=$(mktemp -d /tmp/pgw-load.XXXXXX)
trap pgw_cleanup EXIT
trap 'exit 130' INT TERM
RESULTS=${RESULTS:-$PGW_WORK/results.jsonl}
: >"$RESULTS"

if [[ -n $BUILD ]]; then pgw_build "$BUILD_DIR" profilegw profilegw-mocks; fi
LOAD_BEFORE=$(pgw_loadavg)

pgw_start_mocks "$BUILD_DIR/mocks/profilegw-mocks" "$LOAD_CPUS" "$MOCK_THREADS"
pgw_start_gateway "$BUILD_DIR/gateway/profilegw" "$PROXY_CPUS" "$THREADS"
pgw_start_nginx "$PROXY_CPUS" "$THREADS"
pgw_log "mocks pid $MOCK_PID, gateway pid $GW_PID (port $GW_PORT), nginx pid $NGINX_PID; work dir $PGW_WORK"

base_url() {
  case $1 in
    direct) echo "http://127.0.0.1:${MOCK_PORT[$2]}" ;;
    nginx) echo "http://127.0.0.1:${NGINX_PORT[$2]}" ;;
    gateway) echo "http://127.0.0.1:$GW_PORT" ;;
  esac
}

# One request with curl first: a shape that does not answer 2xx would measure an error path.
smoke() {
  local url=$1 args=(-s -o "$PGW_WORK/smoke.body" -w '%{http_code}' -X "$METHOD" --max-time 5) line
  while IFS= read -r line; do if [[ -n $line ]]; then args+=(-H "$line"); fi; done <<<"$HEADERS"
  if [[ -n $BODY ]]; then args+=(--data-binary "$BODY"); fi
  if [[ -n $DIGEST ]]; then args+=(--digest -u "$DIGEST"); fi
  local code
  code=$(curl "${args[@]}" "$url")
  [[ $code == 2* ]] || pgw_die "$METHOD $url answered $code: $(head -c 400 "$PGW_WORK/smoke.body")"
}

run_wrk() {  # label url seconds result-file
  PGW_METHOD=$METHOD PGW_HEADERS=$HEADERS PGW_BODY=$BODY PGW_DIGEST=$DIGEST PGW_LABEL=$1 PGW_RESULT=$4 \
    PGW_LUA_DIR=$PGW_LOAD_DIR taskset -c "$LOAD_CPUS" timeout $(($3 + 60)) \
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$3"s --timeout 5s --latency -s "$PGW_LOAD_DIR/request.lua" "$2" \
    >>"$PGW_WORK/wrk.out" 2>&1
}

TICKS=$(getconf CLK_TCK)

# The three variants of one row run back to back, so that a drift in the machine's load falls on
# all of them alike.
for provider in $PROVIDERS; do
  for op in $OPS; do
    for rep in $(seq "$REPEAT"); do
      for variant in $VARIANTS; do
        pgw_shape "$variant" "$provider" "$op"
        url="$(base_url "$variant" "$provider")$PATH_"
        smoke "$url"
        label="$variant $provider $op"
        run_wrk "$label" "$url" "$WARMUP" "$PGW_WORK/warmup.jsonl"
        case $variant in gateway) proxy=$GW_PID ;; nginx) proxy=$NGINX_PID ;; *) proxy="" ;; esac
        read -r req0 chal0 < <(pgw_mock_stats "$provider")
        cpu0=$(pgw_cpu_ticks $proxy) mock0=$(pgw_cpu_ticks "$MOCK_PID")
        run_wrk "$label" "$url" "$DURATION" "$RESULTS"
        cpu1=$(pgw_cpu_ticks $proxy) mock1=$(pgw_cpu_ticks "$MOCK_PID")
        read -r req1 chal1 < <(pgw_mock_stats "$provider")
        printf '{"label":"%s","upstream_requests":%d,"upstream_challenges":%d,"repeat":%d,' \
          "$label" $((req1 - req0)) $((chal1 - chal0)) "$rep" >>"$RESULTS"
        printf '"proxy_cpu_ms":%d,"backend_cpu_ms":%d}\n' $(((cpu1 - cpu0) * 1000 / TICKS)) \
          $(((mock1 - mock0) * 1000 / TICKS)) >>"$RESULTS"
        pgw_log "$label: $(tail -2 "$RESULTS" | head -1 | cut -c1-160)"
      done
    done
  done
done

GW_HWM=$(pgw_vm "$GW_PID" VmHWM)
GW_RSS=$(pgw_vm "$GW_PID" VmRSS)
LOAD_AFTER=$(pgw_loadavg)
printf '{"meta":{"gateway_vmhwm_kb":%d,"gateway_vmrss_kb":%d,"load_before":"%s","load_after":"%s",' \
  "$GW_HWM" "$GW_RSS" "$LOAD_BEFORE" "$LOAD_AFTER" >>"$RESULTS"
printf '"duration_s":%d,"connections":%d,"wrk_threads":%d,"threads":%d,"load_cpus":"%s","proxy_cpus":"%s",' \
  "$DURATION" "$CONNECTIONS" "$WRK_THREADS" "$THREADS" "$LOAD_CPUS" "$PROXY_CPUS" >>"$RESULTS"
printf '"mock_threads":%d,"nproc":%d}}\n' "$MOCK_THREADS" "$(nproc)" >>"$RESULTS"
python3 "$PGW_LOAD_DIR/report.py" "$RESULTS"
