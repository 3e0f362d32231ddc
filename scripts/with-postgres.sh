#!/usr/bin/env bash
# Runs a command beside a PostgreSQL server of its own, as CI runs the tests:
#
#   scripts/with-postgres.sh cargo test --workspace --all-features
#
# The server lives in a temporary folder, listens on the loopback interface only (a free port
# from 54320 up, and a Unix socket in that folder), and is stopped and removed when the
# command ends, whatever its outcome. The command sees:
#
#   TWIML_TEST_POSTGRES      postgres://twiml@127.0.0.1:PORT/twiml (the role and database
#                            made for it; the tests make a schema each inside)
#   TWIML_TEST_POSTGRES_BIN  the folder of the server's programs (initdb, pg_ctl), with which
#                            the reliability tests start and restart servers of their own
#
# PostgreSQL comes from the system: `pg_config --bindir`, or the newest
# /usr/lib/postgresql/*/bin. When it is missing and this runs as root, it is installed from
# Debian's packages (`apt-get install postgresql`). As root, the server runs as the
# `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: scripts/with-postgres.sh COMMAND [ARGUMENT...]" >&2
    exit 2
fi

find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    done
}

bindir=$(find_bindir)
if [ -z "$bindir" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "== installing PostgreSQL from Debian's packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
        bindir=$(find_bindir)
    fi
fi
if [ -z "$bindir" ]; then
    echo "with-postgres: no PostgreSQL server programs (initdb, pg_ctl) found; install the \
\`postgresql\` package (apt-get install postgresql) and run again" >&2
    exit 1
fi

run_as=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root, and there is no \`postgres\` user to run the server as" >&2
        exit 1
    fi
    run_as=(runuser -u postgres --)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/twiml-pg.XXXXXX")
if [ "${#run_as[@]}" -gt 0 ]; then
    chown postgres "$work"
fi

started=
cleanup() {
    local status=$?
    if [ -n "$started" ]; then
        "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${run_as[@]}" "$bindir/initdb" -D "$work/data" -U twiml --auth=trust -E UTF8 --no-instructions \
    >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }

port=
for candidate in $(seq 54320 54420); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
if [ -z "$port" ]; then
    echo "with-postgres: no free port between 54320 and 54420 on 127.0.0.1" >&2
    exit 1
fi

"${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work" start >/dev/null \
    || { cat "$work/server.log" >&2; exit 1; }
started=1
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U twiml twiml

export TWIML_TEST_POSTGRES="postgres://twiml@127.0.0.1:$port/twiml"
export TWIML_TEST_POSTGRES_BIN="$bindir"
echo "== PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($TWIML_TEST_POSTGRES)"
"$@"
