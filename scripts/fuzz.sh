#!/usr/bin/env bash
# Coverage-guided fuzzing of every entry point with cargo-fuzz (libFuzzer), one target at a
# time, and a record of each run in fuzz/runs.tsv.
#
#   scripts/fuzz.sh                      every target, 10 million executions or 30 minutes each
#   scripts/fuzz.sh parse_check          one target
#   RUNS=100000 SECONDS_PER_TARGET=60 scripts/fuzz.sh policy_file   a short run
#   SANITIZER=address NICE=0 scripts/fuzz.sh gate   AddressSanitizer, at normal priority
#
# Needs `cargo install cargo-fuzz`. libFuzzer's instrumentation needs nightly flags; on a
# stable toolchain RUSTC_BOOTSTRAP=1 allows them, and this script sets it. The run is niced
# (NICE, 10 by default) and uses one job on one core, so the machine stays usable.
#
# The binaries are optimised with debug assertions and overflow checks on (`-O -a`), so an
# arithmetic overflow is a crash. No sanitizer by default: the workspace forbids `unsafe`
# code, so AddressSanitizer would guard only the dependencies, and it slows every execution;
# SANITIZER=address turns it back on.
#
# A crash leaves its input in fuzz/artifacts/TARGET/: copy it to fuzz/regressions/TARGET/
# (`tests/fuzz_regressions.rs` replays that folder in the test suite), fix the bug, and run
# the target again.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

RUNS="${RUNS:-10000000}"
SECONDS_PER_TARGET="${SECONDS_PER_TARGET:-1800}"
SANITIZER="${SANITIZER:-none}"
NICE="${NICE:-10}"
export RUSTC_BOOTSTRAP=1

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

# Seeds: real documents and policy files from the repository (and the shared corpus when it
# is beside the project), copied once into the target's corpus.
seed() {
    local target="$1" dir="corpus/$1"
    mkdir -p "$dir"
    if [ -n "$(ls -A "$dir")" ]; then return 0; fi
    case "$target" in
        parse_check)
            { find ../tests ../examples ../../shared/corpus -name '*.xml' -size -64k 2>/dev/null || true; } \
                | while read -r f; do cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)"; done ;;
        policy_file)
            { find ../tests ../examples -name 'twiml.toml' 2>/dev/null || true; } \
                | while read -r f; do cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)"; done ;;
    esac
    if [ -d "seeds/$target" ]; then cp seeds/"$target"/* "$dir"/; fi
}

dictionary() {
    if [ -f "dicts/$1.dict" ]; then echo "-dict=dicts/$1.dict"; fi
}

[ -f runs.tsv ] || printf 'date\tcommit\ttarget\tsanitizer\texecutions\tseconds\tcpu_seconds\texec_per_sec\tcoverage\tfeatures\tcorpus\tcrashes\n' > runs.tsv
commit="$(git rev-parse --short HEAD)"

for target in "${targets[@]}"; do
    seed "$target"
    log="$(mktemp)"
    echo "== $target: up to $RUNS executions or $SECONDS_PER_TARGET s"
    # Built first, so that the seconds recorded are the fuzzing's alone.
    nice -n "$NICE" cargo fuzz build -O -a -s "$SANITIZER" "$target" >"$log" 2>&1
    start=$(date +%s)
    status=0
    # One job: libFuzzer runs it in a child process that writes fuzz-0.log in the working
    # folder, read back below.
    rm -f fuzz-0.log ../fuzz-0.log
    # shellcheck disable=SC2046
    cpu="$(mktemp)"
    nice -n "$NICE" /usr/bin/time -o "$cpu" -f '%U %S' \
        cargo fuzz run -O -a -s "$SANITIZER" "$target" "corpus/$target" -- \
        -runs="$RUNS" -max_total_time="$SECONDS_PER_TARGET" -jobs=1 -print_final_stats=1 \
        -rss_limit_mb=4096 -timeout=10 $(dictionary "$target") >"$log" 2>&1 || status=$?
    for job_log in fuzz-0.log ../fuzz-0.log; do
        if [ -f "$job_log" ]; then cat "$job_log" >>"$log"; rm -f "$job_log"; fi
    done
    seconds=$(( $(date +%s) - start ))
    # User and system time of cargo and the fuzzer it runs (the child's are counted on exit).
    cpu_seconds=$(awk '/^[0-9.]+ [0-9.]+$/ { printf "%.0f", $1 + $2 }' "$cpu")
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || echo 0)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    coverage=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo 0)
    features=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo 0)
    corpus=$(echo "$last" | grep -o 'corp: [0-9]*' | grep -o '[0-9]*' || echo 0)
    crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%d)" "$commit" "$target" \
        "$SANITIZER" "$executions" "$seconds" "$cpu_seconds" "$rate" "$coverage" "$features" "$corpus" \
        "$crashes" >> runs.tsv
    tail -n 1 runs.tsv
    if [ "$status" -ne 0 ]; then
        echo "!! $target stopped with status $status; the log follows" >&2
        tail -n 60 "$log" >&2
    fi
    rm -f "$log" "$cpu"
done
