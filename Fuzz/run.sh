#!/usr/bin/env bash
# Builds the libFuzzer targets (Package.swift adds them when EXODUS_FUZZ=1) with
# AddressSanitizer and runs each for FUZZ_SECONDS. Fails on any crash, leak, timeout or
# out-of-memory. Working corpora grow under .build-fuzz/corpus (git-ignored); the seed
# corpora in Fuzz/corpus are only read. Findings land in .build-fuzz/artifacts.
#
#   FUZZ_SECONDS=60 FUZZ_TARGETS="FuzzHTTPFramer FuzzQuery" Fuzz/run.sh
#   FUZZ_RUNS=10000000 Fuzz/run.sh     # a fixed number of executions instead of a time
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"FuzzHTTPFramer FuzzQuery FuzzExtraction FuzzHTML FuzzConfig FuzzAPIServer"}
SCRATCH=.build-fuzz
export EXODUS_FUZZ=1
# Without this the Swift runtime's backtracer catches the trap first and libFuzzer
# writes no crash file.
export SWIFT_BACKTRACE=enable=no

# swiftc keeps only the last of several -sanitize= flags, so `--sanitize=fuzzer
# --sanitize=address` would compile without coverage instrumentation (libFuzzer then runs
# blind). SwiftPM's --sanitize=fuzzer sets up the link; -sanitize=fuzzer,address, passed
# last, instruments for both.
build=("$SWIFT" build --scratch-path "$SCRATCH" -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address)
for t in $TARGETS; do "${build[@]}" --product "$t"; done
bin="$("${build[@]}" --show-bin-path)"

max_len() {
    case "$1" in
        FuzzHTTPFramer) echo 8192 ;;
        FuzzQuery) echo 2048 ;;
        FuzzExtraction) echo 8192 ;;
        FuzzHTML) echo 16384 ;;
        FuzzAPIServer) echo 4096 ;;
        *) echo 8192 ;;
    esac
}

mkdir -p "$SCRATCH/artifacts"
status=0
summary=""
for t in $TARGETS; do
    work="$SCRATCH/corpus/$t"
    mkdir -p "$work"
    extra=()
    case "$t" in
        FuzzHTTPFramer) extra+=(-dict=Fuzz/http.dict) ;;
        FuzzAPIServer) extra+=(-dict=Fuzz/api.dict) ;;
        FuzzHTML) extra+=(-dict=Fuzz/html.dict) ;;
    esac
    if [ -n "${FUZZ_RUNS:-}" ]; then extra+=(-runs="$FUZZ_RUNS"); else extra+=(-max_total_time="$SECONDS_EACH"); fi
    log="$SCRATCH/$t.log"
    echo "== $t"
    set +e
    "$bin/$t" "${extra[@]}" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 \
        -print_final_stats=1 -artifact_prefix="$SCRATCH/artifacts/$t-" "$work" "Fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1 || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}' || true)
    line="$t: rc=$rc executions=${execs:-?} cov=${cov:-?}"
    echo "$line"
    summary+="$line"$'\n'
    if [ $rc -ne 0 ]; then
        status=1
        grep -E 'ERROR|Fatal error|SUMMARY|Test unit written|timeout|leak' "$log" | head -20 || true
    fi
done
printf '\n%s' "$summary"
exit $status
