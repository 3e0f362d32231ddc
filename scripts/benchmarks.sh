#!/usr/bin/env bash
# One comparison run, written to BENCHMARKS.md: twilio-python and twilio-node (the peers'
# own scripts, `../shared/bench/peers`), then this project's criterion benchmarks with their
# floors, then `twiml check` over 10,000 documents. Everything runs one after the other, never
# at the same time, on the same machine.
#
#   scripts/benchmarks.sh            (from the root of the repository; about 15 minutes)
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

echo "== peers: twilio-python, twilio-node" >&2
rm -rf "$work/peers"
cp -r "$shared/bench/peers" "$work/peers"
rm -rf "$work/peers/results"
# npm refuses to set up a folder whose name starts with a dot, the script's default.
PEERS_VENV="$work/peers-venv" PEERS_NODE_DIR="$work/peers-node" \
    "$work/peers/run.sh" run > "$work/peers.log"

echo "== this project: criterion (build, parse)" >&2
rm -rf "$root/target/criterion"
cargo bench --bench build --bench parse -- --noplot > "$work/criterion.log" 2>&1

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
