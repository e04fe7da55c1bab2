#!/usr/bin/env bash
# Stop the throwaway PostgreSQL server of scripts/start_postgres.sh and delete its folder
# ($HMI_PG_DIR, default $TMPDIR/hmi-postgres). Idempotent: nothing to do is not an error.
# `--keep` stops the server but keeps the cluster (start_postgres.sh restarts it).
set -euo pipefail

base=${HMI_PG_DIR:-${TMPDIR:-/tmp}/hmi-postgres}
data="$base/data"
keep=0
[ "${1:-}" = "--keep" ] && keep=1
say() { echo "stop_postgres: $*" >&2; }

if [ -s "$data/PG_VERSION" ]; then
    bin=$(ls -d "/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin" 2>/dev/null || true)
    [ -n "$bin" ] || bin=$(dirname "$(command -v pg_ctl)")
    as_owner() { "$@"; }
    [ "$(id -u)" = 0 ] && as_owner() { runuser -u postgres -- "$@"; }
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        say "stopping the server in $data"
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2
    fi
fi
if [ "$keep" = 0 ] && [ -d "$base" ]; then
    rm -rf "$base"
    say "removed $base"
fi
