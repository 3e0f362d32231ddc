#!/usr/bin/env bash
# One comparison run, written to BENCHMARKS.md: twilio-python and twilio-node (the peers'
# own scripts, `../shared/bench/peers`), then this project's criterion benchmarks with their
# floors, their instruction counts under callgrind (when valgrind is installed), then
# `twiml check` over 10,000 documents. Everything runs one after the other, never at the same
# time, on the same machine.
#
#   scripts/benchmarks.sh            (from the root of the repository; about 20 minutes)
#   scripts/benchmarks.sh gate       (the send-time gate's benchmark alone, about 2 minutes;
#                                     rewrites its section of BENCHMARKS.md)
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
    echo "loadavg before: $(cat /proc/loadavg)"
} > "$work/machine.txt"

if [[ "${1:-}" == "gate" ]]; then
    echo "== this project: criterion (gate)" >&2
    rm -rf "$root/target/criterion/gate" "$root/target/criterion/gate campaign"
    cargo bench --features gate --bench gate -- --noplot > "$work/criterion-gate.log" 2>&1
    echo "loadavg after: $(cat /proc/loadavg)" >> "$work/machine.txt"
    python3 "$root/scripts/benchmarks_report.py" --gate "$root/BENCHMARKS.md" \
        "$root/target/criterion" "$work/machine.txt"
    echo "rewrote the gate's section of BENCHMARKS.md" >&2
    exit 0
fi

echo "== peers: twilio-python, twilio-node" >&2
rm -rf "$work/peers"
cp -r "$shared/bench/peers" "$work/peers"
rm -rf "$work/peers/results"
# npm refuses to set up a folder whose name starts with a dot, the script's default.
PEERS_VENV="$work/peers-venv" PEERS_NODE_DIR="$work/peers-node" \
    "$work/peers/run.sh" run > "$work/peers.log"

echo "== this project: criterion (build, parse, gate)" >&2
rm -rf "$root/target/criterion"
cargo bench --bench build --bench parse -- --noplot > "$work/criterion.log" 2>&1
cargo bench --features gate --bench gate -- --noplot >> "$work/criterion.log" 2>&1

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
else
    echo "valgrind is not installed: no instruction counts" >&2
fi

echo "== twiml check over 10,000 documents" >&2
cargo build --release --quiet -p twiml-cli
corpus="$shared/corpus/api-snippets"
for count in 1000 10000; do
    dir="$work/scale/$count"
    rm -rf "$dir"
    mkdir -p "$dir"
    # The corpus, copied over and over until there are `count` files.
    files=("$corpus"/*.twiml "$corpus"/*.xml)
    for ((i = 0; i < count; i++)); do
        source="${files[$((i % ${#files[@]}))]}"
        cp "$source" "$dir/$i-$(basename "$source")"
    done
    for run in 1 2 3; do
        /usr/bin/time -f "%e %P %M" -o "$work/scale-$count-$run.txt" \
            "$root/target/release/twiml" check --format json "$dir" \
            > "$work/scale-$count.json" || true
    done
done
echo "loadavg after: $(cat /proc/loadavg)" >> "$work/machine.txt"

python3 "$root/scripts/benchmarks_report.py" "$work" "$root/target/criterion" > "$root/BENCHMARKS.md"
echo "wrote BENCHMARKS.md" >&2
