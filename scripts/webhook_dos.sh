#!/usr/bin/env bash
# Whole requests against the axum example IVR, built at two revisions, side by side: how
# long the signature layer takes to refuse a 2 MB form of 666,666 empty parameters, beside
# a normal signed call. Run from the repository:
#
#   scripts/webhook_dos.sh [BEFORE [AFTER]]     (default: 2f9bd63 and the working tree)
#
# Each server runs on 127.0.0.1 at a free port; each case is sent 15 times with curl, and
# the median of curl's time_total is printed. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE="${1:-2f9bd63}"
AFTER="${2:-}"
RUNS=15
work="target/webhook-dos"
mkdir -p "$work"

# The bodies: a normal incoming call (signed), and 666,666 empty parameters (`a=&` each,
# 2 MB, the most axum's default body limit lets through).
python3 - "$work" <<'PY'
import base64, hashlib, hmac, sys
work = sys.argv[1]
token, url = b"a-test-auth-token", "http://127.0.0.1/voice"
params = [("AccountSid", "AC0123"), ("CallSid", "CA0123"), ("From", "+14155550123"), ("To", "+18005550100")]
body = "&".join(f"{k}={v.replace('+', '%2B')}" for k, v in params)
message = url + "".join(k + v for k, v in sorted(params))
signature = base64.b64encode(hmac.new(token, message.encode(), hashlib.sha1).digest()).decode()
open(f"{work}/call.form", "w").write(body)
open(f"{work}/call.signature", "w").write(signature)
open(f"{work}/flood.form", "w").write("a=&" * 666_666)
PY

build() { # revision, output binary
    local revision="$1" out="$2" tree="$work/tree-$1"
    if [ -z "$revision" ]; then
        cargo build --release --quiet --example axum_ivr --features axum
        cp target/release/examples/axum_ivr "$out"
        return
    fi
    if [ ! -d "$tree" ]; then
        mkdir -p "$tree"
        git archive "$revision" | tar -x -C "$tree"
    fi
    (cd "$tree" && CARGO_TARGET_DIR="$PWD/../release-tree" cargo build --release --quiet --example axum_ivr --features axum)
    cp "$work/release-tree/release/examples/axum_ivr" "$out"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() { # label, binary
    local label="$1" binary="$2" port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    PORT="$port" TWILIO_AUTH_TOKEN=a-test-auth-token PUBLIC_URL=http://127.0.0.1 "$binary" >/dev/null 2>&1 &
    local pid=$!
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
    local signature
    signature=$(cat "$work/call.signature")
    for case in call flood-bad-base64 flood-wrong-signature; do
        local form="$work/flood.form" header="X-Twilio-Signature: not base64!"
        case "$case" in
            call) form="$work/call.form"; header="X-Twilio-Signature: $signature" ;;
            flood-wrong-signature) header="X-Twilio-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAA=" ;;
        esac
        local status times=()
        for _ in $(seq "$RUNS"); do
            read -r status time < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
                -H "$header" -H 'Content-Type: application/x-www-form-urlencoded' \
                --data-binary "@$form" "http://127.0.0.1:$port/voice")
            times+=("$time")
        done
        printf '%-8s %-22s status %s  median %6.1f ms\n' "$label" "$case" "$status" \
            "$(printf '%s\n' "${times[@]}" | median | awk '{ print $1 * 1000 }')"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

build "$BEFORE" "$work/ivr-before"
build "$AFTER" "$work/ivr-after"
measure before "$work/ivr-before"
measure after "$work/ivr-after"
