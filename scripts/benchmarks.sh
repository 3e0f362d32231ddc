#!/usr/bin/env bash
# One comparison run, written to BENCHMARKS.md: twilio-python and twilio-node (the peers'
# own scripts, `../shared/bench/peers`), then this project's criterion benchmarks with their
# floors, their instruction counts under callgrind (when valgrind is installed), then
# `twiml check` beside `xmllint --noout` (libxml2) as whole processes over two corpora that
# the script builds. Everything runs one after the other, never at the same time, on the same
# machine.
#
#   scripts/benchmarks.sh            (from the root of the repository; about 25 minutes;
#                                     keeps the gate's and the ledger's sections as they are)
#   scripts/benchmarks.sh gate       (the send-time gate's benchmark alone, about 2 minutes;
#                                     rewrites its section of BENCHMARKS.md)
#   scripts/benchmarks.sh ledger     (the consent ledger's benchmark alone, about 5 minutes;
#                                     rewrites its section of BENCHMARKS.md)
#   scripts/benchmarks.sh check      (`twiml check` beside `xmllint` alone, about 5 minutes;
#                                     prints its tables and leaves BENCHMARKS.md alone)
#
# The comparison with xmllint needs `xmllint` (Debian: libxml2-utils) and, for its instruction
# counts, `valgrind`; without them its tables are left out.
#
# The peers' environments (a Python venv, an npm folder) are set up by their script, in a copy
# of their folder under target/, so that nothing is written beside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
shared="$root/../shared"
work="$root/target/benchmarks"
mkdir -p "$work"

echo "== machine" >&2
{
    echo "nproc: $(nproc)"
    lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|Hypervisor|L2|L3)' || true
    echo "kernel: $(uname -r)"
    echo "rustc: $(rustc --version)"
    echo "commit measured: $(git log -1 --format=%h)$(git diff --quiet HEAD -- . ':!BENCHMARKS.md' || echo ' (with changes)')"
    echo "loadavg before: $(cat /proc/loadavg)"
} > "$work/machine.txt"

# Instructions of one run of a bench binary's count mode (`BINARY CASE N`), under callgrind.
collected_by() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# CPU seconds (user and system) of one run of a bench binary's count mode: the time of the
# one core it ran on, which the load of the machine does not stretch as it does wall time.
cpu_seconds() {
    /usr/bin/time -f "%U %S" "$@" 2>&1 > /dev/null | tail -1 | awk '{ print $1 + $2 }'
}

# Bytes written (pwrite64, as SQLite writes its log and its file) and flushes (fsync,
# fdatasync) of one run of a bench binary's count mode, under strace: "BYTES FLUSHES".
written_by() {
    local log
    log=$(mktemp)
    strace -f -e trace=pwrite64,fsync,fdatasync -o "$log" "$@" > /dev/null 2>&1
    awk '/pwrite64/ { n = split($0, a, "= "); b += a[n] + 0 }
         /fsync|fdatasync/ && !/resumed/ { f++ }
         END { print b + 0, f + 0 }' "$log"
    rm -f "$log"
}

if [[ "${1:-}" == "gate" ]]; then
    echo "== this project: criterion (gate)" >&2
    rm -rf "$root/target/criterion/gate" "$root/target/criterion/gate campaign"
    cargo bench --features gate --bench gate -- --noplot > "$work/criterion-gate.log" 2>&1
    echo "loadavg after: $(cat /proc/loadavg)" >> "$work/machine.txt"
    counter=$(cargo bench --features gate --bench gate --no-run 2>&1 |
        sed -n 's/.*Executable .*(\(.*\))$/\1/p')
    rm -f "$work/gate-instructions.tsv" "$work/gate-cpu.txt"
    if command -v valgrind > /dev/null; then
        # The difference between 110 and 10 decisions (3 and 1 campaigns of 1,000 texts).
        for case in declared classified otp defer panhandle classifier; do
            few=$(collected_by "$counter" "$case" 10)
            many=$(collected_by "$counter" "$case" 110)
            printf '%s\t%s\n' "$case" $(((many - few) / 100)) >> "$work/gate-instructions.tsv"
        done
        few=$(collected_by "$counter" campaign 1)
        many=$(collected_by "$counter" campaign 3)
        printf 'campaign\t%s\n' $(((many - few) / 2000)) >> "$work/gate-instructions.tsv"
    fi
    # CPU time per text of 200 campaigns (200,000 texts), less the set-up.
    few=$(cpu_seconds "$counter" campaign 1)
    many=$(cpu_seconds "$counter" campaign 201)
    echo "$few $many 200000" > "$work/gate-cpu.txt"
    python3 "$root/scripts/benchmarks_report.py" --gate "$root/BENCHMARKS.md" \
        "$root/target/criterion" "$work/machine.txt"
    echo "rewrote the gate's section of BENCHMARKS.md" >&2
    exit 0
fi

if [[ "${1:-}" == "ledger" ]]; then
    echo "== this project: criterion (ledger)" >&2
    rm -rf "$root/target/criterion/inbound" "$root/target/criterion/decide"
    cargo bench -p twiml-ledger --bench ledger -- --noplot > "$work/criterion-ledger.log" 2>&1
    echo "loadavg after: $(cat /proc/loadavg)" >> "$work/machine.txt"
    counter=$(cargo bench -p twiml-ledger --bench ledger --no-run 2>&1 |
        sed -n 's/.*Executable .*(\(.*\))$/\1/p')
    rm -f "$work/ledger-instructions.tsv" "$work/ledger-cpu.tsv" "$work/ledger-io.tsv"
    # `decide:N`: decisions on a ledger where each number already has N attempts;
    # `decide-unread:N`: each of the first 1,000 numbers has N replies an older reader read,
    # and every batch decides them again (the first batch reads the replies again).
    for case in inbound decide decide-written decide-commits decide:10 decide:50 decide-unread:10; do
        mode=${case%%:*}
        depth=()
        if [[ "$case" == *:* ]]; then depth=("${case#*:}"); fi
        if command -v valgrind > /dev/null; then
            # The difference between 3 batches of 1,000 and 1.
            few=$(collected_by "$counter" "$mode" 1 "${depth[@]}")
            many=$(collected_by "$counter" "$mode" 3 "${depth[@]}")
            printf '%s\t%s\n' "$case" $(((many - few) / 2000)) >> "$work/ledger-instructions.tsv"
        fi
        # CPU time per event of 10 batches of 1,000, less the set-up.
        few=$(cpu_seconds "$counter" "$mode" 1 "${depth[@]}")
        many=$(cpu_seconds "$counter" "$mode" 11 "${depth[@]}")
        printf '%s\t%s\t%s\t10000\n' "$case" "$few" "$many" >> "$work/ledger-cpu.tsv"
        if command -v strace > /dev/null; then
            # Bytes written (pwrite64) and flushes (fsync, fdatasync) of 10 batches of 1,000.
            few=$(written_by "$counter" "$mode" 1 "${depth[@]}")
            many=$(written_by "$counter" "$mode" 11 "${depth[@]}")
            printf '%s\t%s\t%s\t10000\n' "$case" "$few" "$many" >> "$work/ledger-io.tsv"
        fi
    done
    python3 "$root/scripts/benchmarks_report.py" --ledger "$root/BENCHMARKS.md" \
        "$root/target/criterion" "$work/machine.txt"
    echo "rewrote the ledger's section of BENCHMARKS.md" >&2
    exit 0
fi

# `twiml check` beside `xmllint --noout` as whole processes, as a user runs them, over two
# corpora built here: 2,000 copies of the peers' W4 (content-heavy, 22 kB each) and 10 copies
# of the api-snippets corpus (small documents). Writes `$work/check/*`.
compare_check() {
    local out="$work/check"
    rm -rf "$out"
    mkdir -p "$out"
    cargo build --release --quiet -p twiml-cli
    local twiml="$root/target/release/twiml"
    local corpora="$work/corpora"
    rm -rf "$corpora"
    mkdir -p "$corpora/w4" "$corpora/w4-200" "$corpora/snippets"
    for ((i = 0; i < 2000; i++)); do
        cp "$shared/bench/peers/expected/W4.xml" "$corpora/w4/$i.xml"
    done
    for ((i = 0; i < 200; i++)); do
        cp "$shared/bench/peers/expected/W4.xml" "$corpora/w4-200/$i.xml"
    done
    local snippets=("$shared/corpus/api-snippets"/*.twiml "$shared/corpus/api-snippets"/*.xml)
    for ((copy = 0; copy < 10; copy++)); do
        for source in "${snippets[@]}"; do
            cp "$source" "$corpora/snippets/$copy-$(basename "$source")"
        done
    done
    if ! command -v xmllint > /dev/null; then
        echo "xmllint is not installed: no comparison with libxml2" >&2
    fi
    # Warm the page cache, then take turns, so that the machine's other load falls on every
    # contender alike: wall time, user and system CPU seconds, peak memory.
    local corpus run
    for corpus in w4 snippets; do
        "$twiml" check --format json "$corpora/$corpus" > /dev/null || true
        for ((run = 1; run <= 9; run++)); do
            if command -v xmllint > /dev/null; then
                "$root/scripts/timed.py" "$out/$corpus-xmllint-$run.txt" \
                    xmllint --noout "$corpora/$corpus"/* > /dev/null 2>&1 || true
            fi
            "$root/scripts/timed.py" "$out/$corpus-jobs1-$run.txt" \
                "$twiml" check --jobs 1 --format json "$corpora/$corpus" \
                > "$out/$corpus.json" || true
            "$root/scripts/timed.py" "$out/$corpus-jobs-$run.txt" \
                "$twiml" check --format json "$corpora/$corpus" > /dev/null || true
        done
    done
    # Memory against the number of files: the same document 200 and 2,000 times.
    for ((run = 1; run <= 3; run++)); do
        "$root/scripts/timed.py" "$out/w4-200-jobs1-$run.txt" \
            "$twiml" check --jobs 1 --format json "$corpora/w4-200" > /dev/null || true
    done
    # Instructions per file under callgrind: 120 files less 20, divided by 100, so that the
    # start of the process cancels out; what 20 files cost beyond that is the start.
    if command -v valgrind > /dev/null; then
        local few="$corpora/few" many="$corpora/many"
        for corpus in w4 snippets; do
            rm -rf "$few" "$many"
            mkdir -p "$few" "$many"
            local files=("$corpora/$corpus"/*)
            cp "${files[@]:0:20}" "$few"
            cp "${files[@]:0:120}" "$many"
            local tool dir
            for tool in xmllint twiml; do
                for dir in few many; do
                    if [[ $tool == xmllint ]]; then
                        command -v xmllint > /dev/null || continue
                        set -- xmllint --noout "$corpora/$dir"/*
                    else
                        set -- "$twiml" check --jobs 1 --format json "$corpora/$dir"
                    fi
                    # The profile of twiml over 120 copies of W4 is kept: where its
                    # instructions go, function by function.
                    local profile=/dev/null
                    if [[ $corpus == w4 && $tool == twiml && $dir == many ]]; then
                        profile="$out/w4-twiml.callgrind"
                    fi
                    # A corpus with errors makes `twiml check` (and so valgrind) exit 1:
                    # the count is still wanted, so the status does not stop the script.
                    { valgrind --tool=callgrind --callgrind-out-file="$profile" "$@" 2>&1 \
                        > /dev/null || true; } | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' \
                        > "$out/$corpus-$tool-$dir.instructions"
                done
            done
        done
        rm -rf "$few" "$many"
        if [[ -f "$out/w4-twiml.callgrind" ]]; then
            callgrind_annotate --inclusive=yes "$out/w4-twiml.callgrind" \
                > "$out/w4-profile.txt" 2> /dev/null || true
            rm -f "$out/w4-twiml.callgrind"
        fi
    fi
    echo "loadavg after the comparison with xmllint: $(cat /proc/loadavg)" > "$out/load.txt"
}

if [[ "${1:-}" == "check" ]]; then
    echo "== twiml check beside xmllint" >&2
    compare_check
    python3 "$root/scripts/benchmarks_report.py" --check "$work" "$work/machine.txt"
    exit 0
fi

echo "== peers: twilio-python, twilio-node" >&2
rm -rf "$work/peers"
cp -r "$shared/bench/peers" "$work/peers"
rm -rf "$work/peers/results"
# npm refuses to set up a folder whose name starts with a dot, the script's default.
PEERS_VENV="$work/peers-venv" PEERS_NODE_DIR="$work/peers-node" \
    "$work/peers/run.sh" run > "$work/peers.log"

# The send-time gate's and the consent ledger's sections are measured by their own runs
# (`scripts/benchmarks.sh gate`, `scripts/benchmarks.sh ledger`): this run carries them over
# from BENCHMARKS.md as they are.
echo "== this project: criterion (build, parse)" >&2
rm -rf "$root/target/criterion"
cargo bench --bench build --bench parse -- --noplot > "$work/criterion.log" 2>&1

echo "== this project: instructions per document (callgrind)" >&2
rm -f "$work/instructions.tsv"
if command -v valgrind > /dev/null; then
    counter=$(cargo bench --bench instructions --no-run 2>&1 |
        sed -n 's/.*Executable .*(\(.*\))$/\1/p')
    # Instructions of `runs` iterations: what callgrind collected in the whole process.
    collected() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$counter" "$1" "$2" "$3" 2>&1 |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    for operation in build render write-floor read-floor parse validate rules; do
        for workload in W1 W2 W3 W4 W5; do
            # The difference between 60 and 10 iterations: 50 documents, without the set-up.
            few=$(collected "$operation" "$workload" 10)
            many=$(collected "$operation" "$workload" 60)
            printf '%s\t%s\t%s\n' "$operation" "$workload" $(((many - few) / 50)) \
                >> "$work/instructions.tsv"
        done
    done
    # Where build + render spends them, function by function: profiles of 10 and 60 builds of
    # each workload, annotated with inclusive counts.
    for workload in W1 W2 W3 W4 W5; do
        for runs in 10 60; do
            valgrind --tool=callgrind --callgrind-out-file="$work/build-$workload-$runs.callgrind" \
                "$counter" build "$workload" "$runs" > /dev/null 2>&1 || true
            callgrind_annotate --inclusive=yes "$work/build-$workload-$runs.callgrind" \
                > "$work/build-$workload-$runs.txt" 2> /dev/null || true
            rm -f "$work/build-$workload-$runs.callgrind"
        done
    done
    # What time sees and instruction counts do not: cachegrind's simulation of the caches and
    # the branch predictor, for build + render and the floor writer, 60 documents less 10.
    rm -f "$work/caches.tsv"
    simulated() {
        valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes --cachegrind-out-file=/dev/null \
            "$counter" "$1" "$2" "$3" 2>&1 | tr -d ,\( | awk '
            /I *refs:/ { i = $NF }
            /I1 *misses:/ { i1 = $NF }
            /D1 *misses:/ { d1 = $4 }
            /Branches:/ { cond = $4; ind = $7 }
            /Mispredicts:/ { mcond = $4; mind = $7 }
            END { print i, i1, d1, cond, ind, mcond, mind }'
    }
    # The sizes simulated: those of this machine's caches, as cachegrind reads them.
    valgrind --tool=cachegrind --cache-sim=yes -v --cachegrind-out-file=/dev/null \
        "$counter" build W1 1 2>&1 | tr -d , | sed -n 's/.*\(I1\|D1\): \([0-9]*\) B.*/\1\t\2/p' \
        > "$work/caches-sizes.tsv"
    for operation in build write-floor; do
        for workload in W1 W2 W3 W4 W5; do
            read -r -a few <<< "$(simulated "$operation" "$workload" 10)"
            read -r -a many <<< "$(simulated "$operation" "$workload" 60)"
            row="$operation\t$workload"
            for k in 0 1 2 3 4 5 6; do
                row="$row\t$(((many[k] - few[k]) / 50))"
            done
            printf "$row\n" >> "$work/caches.tsv"
        done
    done
    # The code one more document runs (scripts/code_footprint.py): profiles of 20 and 40
    # iterations with each instruction's address, collected only inside the function timed;
    # and for build + render, the misses of a first-level instruction cache twice the size of
    # this machine's, with as many ways and lines as long.
    read -r i1_size i1_ways i1_line <<< "$(valgrind --tool=cachegrind --cache-sim=yes -v \
        --cachegrind-out-file=/dev/null "$counter" build W1 1 2>&1 | tr -d , |
        sed -n 's/.*I1: \([0-9]*\) B \([0-9]*\)-way \([0-9]*\) B lines.*/\1 \2 \3/p')"
    rm -f "$work/footprint.tsv"
    for operation in build write-floor; do
        case "$operation" in
            build) timed='*build_and_render*' ;;
            *) timed='*::floor_w?' ;;
        esac
        for workload in W1 W2 W3 W4 W5; do
            for runs in 20 40; do
                valgrind --tool=callgrind --dump-instr=yes --toggle-collect="$timed" \
                    --callgrind-out-file="$work/code-$runs.callgrind" \
                    "$counter" "$operation" "$workload" "$runs" > /dev/null 2>&1
            done
            code=$(python3 "$root/scripts/code_footprint.py" "$work/code-20.callgrind" \
                "$work/code-40.callgrind")
            rm -f "$work/code-20.callgrind" "$work/code-40.callgrind"
            doubled=""
            if [[ "$operation" == build && -n "$i1_size" ]]; then
                misses() {
                    valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file=/dev/null \
                        --I1=$((2 * i1_size)),"$i1_ways","$i1_line" \
                        "$counter" build "$workload" "$1" 2>&1 | tr -d , |
                        sed -n 's/.*I1 *misses: *\([0-9]*\).*/\1/p'
                }
                few=$(misses 10)
                many=$(misses 60)
                doubled=$(((many - few) / 50))
            fi
            printf '%s\t%s\t%s\t%s\n' "$operation" "$workload" "$code" "$doubled" \
                >> "$work/footprint.tsv"
        done
    done
else
    echo "valgrind is not installed: no instruction counts" >&2
fi

echo "== twiml check beside xmllint" >&2
compare_check
echo "loadavg after: $(cat /proc/loadavg)" >> "$work/machine.txt"

python3 "$root/scripts/benchmarks_report.py" "$work" "$root/target/criterion" \
    "$root/BENCHMARKS.md" > "$work/BENCHMARKS.md"
mv "$work/BENCHMARKS.md" "$root/BENCHMARKS.md"
echo "wrote BENCHMARKS.md" >&2
