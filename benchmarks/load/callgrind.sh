#!/usr/bin/env bash
# Instructions per request of the gateway, under callgrind: repeatable however loaded the machine
# is, so optimisation decisions rest on these rather than on requests/s. Starts the mocks and the
# gateway (bench build, with symbols added) under valgrind, warms up, zeroes the counters, sends
# COUNT identical unified requests one at a time, dumps, and prints Ir per request and the top
# functions (inclusive). The callgrind.out file is kept for callgrind_annotate / kcachegrind.
#
#   benchmarks/load/callgrind.sh [--provider django] [--op get|patch] [--count N] [--out DIR]
#                                [--build-dir DIR] [--no-build]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROVIDER=django OP=get COUNT=2000 OUT="" BUILD_DIR="$PGW_ROOT/build/bench" BUILD=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --provider) PROVIDER=$2; shift 2 ;;
    --op) OP=$2; shift 2 ;;
    --count) COUNT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --build-dir) BUILD_DIR=$2; shift 2 ;;
    --no-build) BUILD=""; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) pgw_die "unknown argument $1 (try --help)" ;;
  esac
done
command -v valgrind >/dev/null || pgw_die "valgrind is missing"

PGW_WORK=$(mktemp -d /tmp/pgw-cg.XXXXXX)
trap pgw_cleanup EXIT
trap 'exit 130' INT TERM
OUT=${OUT:-$PGW_WORK}
mkdir -p "$OUT"
if [[ -n $BUILD ]]; then pgw_build "$BUILD_DIR" profilegw profilegw-mocks; fi

pgw_start_mocks "$BUILD_DIR/mocks/profilegw-mocks" 0-63 1
GW_PORT=$(pgw_free_port)
pgw_write_gateway_config "$PGW_WORK/gateway.json" "$GW_PORT" 1
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out.%p" --dump-instr=no \
  "$BUILD_DIR/gateway/profilegw" --config "$PGW_WORK/gateway.json" 2>"$PGW_WORK/gateway.log" &
PGW_PIDS+=($!)
GW_PID=$!
pgw_wait_http "http://127.0.0.1:$GW_PORT/healthz" 120

pgw_shape gateway "$PROVIDER" "$OP"
args=(--port "$GW_PORT" --method "$METHOD" --path "$PATH_")
while IFS= read -r line; do if [[ -n $line ]]; then args+=(--header "$line"); fi; done <<<"$HEADERS"
if [[ -n $BODY ]]; then args+=(--body "$BODY"); fi

# Warm-up: pools connected, Digest nonce adopted, allocator and caches settled.
python3 "$PGW_LOAD_DIR/sequential_client.py" "${args[@]}" --count 200
callgrind_control -z "$GW_PID" >/dev/null
python3 "$PGW_LOAD_DIR/sequential_client.py" "${args[@]}" --count "$COUNT"
callgrind_control -d "$GW_PID" >/dev/null
sleep 1
dump=$(ls -t "$OUT"/callgrind.out.* | head -1)
total=$(awk '/^summary:|^totals:/ { print $2; exit }' "$dump")
printf '%s %s: %s instructions for %d requests = %d Ir per request (%s)\n' "$PROVIDER" "$OP" "$total" "$COUNT" \
  $((total / COUNT)) "$dump"
callgrind_annotate --inclusive=yes "$dump" 2>/dev/null | sed -n '1,/^$/d; 1,60p' | head -70
