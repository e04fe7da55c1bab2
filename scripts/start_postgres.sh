#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its SQLAlchemy URL.
#
# On Debian, installs the `postgresql` package when it is missing (apt-get, as root or
# through sudo), creates a cluster in $HMI_PG_DIR (default: $TMPDIR/hmi-postgres) owned
# by the `postgres` user when run as root (initdb refuses root), starts it on 127.0.0.1
# on a free port with fsync off (test data only: never use these settings for a plant),
# creates the database $HMI_PG_DATABASE (default hmi_test) and prints
#     postgresql+psycopg://postgres@127.0.0.1:<port>/hmi_test
# as the last line of stdout; everything else goes to stderr. Idempotent: a second run
# reuses the running server (or restarts the stopped cluster) and prints the same URL.
# Authentication is `trust` on loopback only: the cluster holds nothing but test data.
# Stop and delete it with scripts/stop_postgres.sh.
#
#     export HMI_TEST_POSTGRES_URL="$(scripts/start_postgres.sh | tail -n 1)"
set -euo pipefail

base=${HMI_PG_DIR:-${TMPDIR:-/tmp}/hmi-postgres}
database=${HMI_PG_DATABASE:-hmi_test}
data="$base/data"
say() { echo "start_postgres: $*" >&2; }
fail() { say "$*"; exit 1; }

case "$database" in
    *[!a-z0-9_]* | "") fail "database name '$database' must be lower-case letters, digits, _" ;;
esac

pg_bin() {
    # The newest installed server's bin folder (Debian keeps them per major version).
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$dir" ] && command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir)
    fi
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
    return 0
}

install_postgres() {
    command -v apt-get >/dev/null 2>&1 \
        || fail "PostgreSQL is not installed and apt-get is not available: install it by hand"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    say "installing Debian's postgresql package"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        postgresql >&2
}

bin=$(pg_bin)
if [ -z "$bin" ]; then
    install_postgres
    bin=$(pg_bin)
    [ -n "$bin" ] || fail "postgresql was installed but no initdb/pg_ctl found in /usr/lib/postgresql"
fi

owner=$(id -un)
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    owner=postgres
    getent passwd postgres >/dev/null || fail "user 'postgres' is missing (the package creates it)"
    as_owner() { runuser -u postgres -- "$@"; }
fi

free_port() {
    "${PYTHON:-python3}" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_of() { sed -n 's/^port = \([0-9]*\)$/\1/p' "$data/hmi_test.conf" 2>/dev/null || true; }

write_settings() {
    # Loopback only, socket in our folder, durability off: a test server, never a plant's.
    cat >"$data/hmi_test.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '$base'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 64MB
log_min_messages = warning
EOF
    chown "$owner" "$data/hmi_test.conf"
}

mkdir -p "$base"
chmod 755 "$base"
chown "$owner" "$base"
if [ ! -s "$data/PG_VERSION" ]; then
    rm -rf "$data"
    say "creating a cluster in $data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; fail "initdb failed"; }
    echo "include 'hmi_test.conf'" >>"$data/postgresql.conf"
fi

port=$(port_of)
if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Stopped (or never started): a new free port unless the old one is still free.
    if [ -z "$port" ] || ! "${PYTHON:-python3}" -c "import socket,sys
s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$port" 2>/dev/null; then
        port=$(free_port)
    fi
    write_settings "$port"
    say "starting PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
    as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 start >&2 \
        || { tail -n 20 "$base/server.log" >&2; fail "the server did not start"; }
fi

psql_() { as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -X -q -At "$@"; }
exists=$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")
if [ "$exists" != 1 ]; then
    psql_ -d postgres -c "CREATE DATABASE $database" >&2
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$port/$database"
