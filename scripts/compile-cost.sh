#!/usr/bin/env bash
# The compile cost of `twiml!`: two crates with the same 100 W2-sized call flows, one written
# with the macro and one with the builder by hand, each rebuilt after a touch of its source
# (dependencies already built). Prints the median of five debug builds of each, and the ratio.
#
#   scripts/compile-cost.sh            (from the root of the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$root/target/compile-cost"
flows=100
rm -rf "$work"
mkdir -p "$work"

manifest() {
    cat <<TOML
[package]
name = "compile-cost-$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
twiml = { path = "$root" }

[workspace]
TOML
}

markup_flow() {
    cat <<RUST
fn flow_$1(menu: &str) -> twiml::Twiml {
    twiml::twiml! {
        <Response>
            <Say>"This call may be recorded for quality assurance. Flow $1."</Say>
            <Gather input="dtmf speech" numDigits=1 action={menu} timeout=5>
                <Say>"Press 1 for sales, 2 for support"</Say>
                <Play>"https://api.twilio.com/cowbell.mp3"</Play>
            </Gather>
            <Say>"We did not receive input"</Say>
            <Redirect>"/voice"</Redirect>
        </Response>
    }
    .expect("the flow builds")
}
RUST
}

builder_flow() {
    cat <<RUST
fn flow_$1(menu: &str) -> twiml::Twiml {
    use twiml::prelude::*;
    let mut r = VoiceResponse::new();
    r.say("This call may be recorded for quality assurance. Flow $1.");
    let g = r
        .gather()
        .input([GatherInput::Dtmf, GatherInput::Speech])
        .num_digits(1)
        .action(menu)
        .timeout(5);
    g.say("Press 1 for sales, 2 for support");
    g.play("https://api.twilio.com/cowbell.mp3");
    r.say("We did not receive input");
    r.redirect("/voice");
    r.build().expect("the flow builds")
}
RUST
}

for kind in markup builder; do
    mkdir -p "$work/$kind/src"
    manifest "$kind" > "$work/$kind/Cargo.toml"
    {
        for i in $(seq 1 $flows); do "${kind}_flow" "$i"; done
        echo "fn main() {"
        echo "    let mut bytes = 0;"
        for i in $(seq 1 $flows); do echo "    bytes += flow_$i(\"/menu\").to_xml().len();"; done
        echo "    println!(\"{bytes}\");"
        echo "}"
    } > "$work/$kind/src/main.rs"
    # Dependencies once, outside the measurement; both crates share the target folder.
    CARGO_TARGET_DIR="$work/target" cargo build --quiet --manifest-path "$work/$kind/Cargo.toml"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() {
    for _ in 1 2 3 4 5; do
        touch "$work/$1/src/main.rs"
        start=$(date +%s.%N)
        CARGO_TARGET_DIR="$work/target" cargo build --quiet --manifest-path "$work/$1/Cargo.toml"
        end=$(date +%s.%N)
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
    done | median
}

markup=$(measure markup)
builder=$(measure builder)
echo "debug build of $flows W2-sized flows (median of 5, dependencies built):"
echo "  builder by hand: ${builder} s"
echo "  twiml!:          ${markup} s"
awk -v m="$markup" -v b="$builder" 'BEGIN { printf "  ratio:           %.2f\n", m / b }'
