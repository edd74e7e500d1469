#!/usr/bin/env bash
# Runs the libFuzzer targets one after another, each for a time or an execution budget, at low
# priority (the machine is shared), and prints one summary line per target.
#
# Usage: tests/fuzz/run_fuzzers.sh [--build-dir DIR] [--seconds N | --runs M] [--nice N] [--out DIR] [target...]
#   --build-dir  where the 'fuzz' preset built the targets (default build/fuzz)
#   --seconds N  fuzz each target for N seconds (default 60)
#   --runs M     or stop each after M executions (libFuzzer -runs; --seconds still caps the time)
#   --nice N     niceness of the fuzzer process (default 19)
#   --out DIR    working corpora, crash artifacts and logs (default DIR/fuzz-runs under the build dir)
#   target       any of: http_request config upstream_response patch digest_challenge verification_token
#                (default: all)
# Build first:  cmake --preset fuzz && cmake --build --preset fuzz --target fuzz_<target>...
# Exit status: 0 when no target found anything, 1 otherwise (the artifacts are in --out).
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=build/fuzz
seconds=60
runs=-1
niceness=19
out=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --nice) niceness="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(http_request config upstream_response patch digest_challenge verification_token)
[ -n "$out" ] || out="$build_dir/fuzz-runs"
mkdir -p "$out"
# With --runs alone, the time cap must not cut the run short.
[ "$runs" -lt 0 ] || [ "$seconds" != 60 ] || seconds=0

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
status=0
printf '%-20s %12s %8s %8s %6s %7s %8s %s\n' target executions seconds exec/s cov ft corpus result
for t in "${targets[@]}"; do
  bin="$build_dir/tests/fuzz/fuzz_$t"
  if [ ! -x "$bin" ]; then echo "run_fuzzers: $bin is not built" >&2; exit 2; fi
  work="$out/corpus/$t"
  mkdir -p "$work" "$out/artifacts"
  seeds=(tests/fuzz/corpus/"$t")
  [ -d tests/fuzz/regressions/"$t" ] && seeds+=(tests/fuzz/regressions/"$t")
  log="$out/$t.log"
  start=$(date +%s)
  rc=0
  nice -n "$niceness" "$bin" -max_total_time="$seconds" -runs="$runs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" "$work" "${seeds[@]}" \
    </dev/null >"$log" 2>&1 || rc=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # The last status line ("#N DONE cov: C ft: F corp: ...", or the last pulse) has the final coverage.
  last=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\) .*/\1/p' <<<"$last")
  corpus=$(find "$work" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then result=ok; else result="FOUND (exit $rc, see $log)"; status=1; fi
  printf '%-20s %12s %8s %8s %6s %7s %8s %s\n' "$t" "${execs:-?}" "$elapsed" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "$corpus" "$result"
done
exit "$status"
