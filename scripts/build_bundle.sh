#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle (dist/hmi/) from packaging/hmi.spec and prove it
# works: runs `dist/hmi/hmi --self-test` offscreen and fails if it fails.
# Installs PyInstaller and the PostgreSQL driver into .venv when missing (the `packaging`
# and `postgres` extras), so every bundle supports a shared PostgreSQL queue.
# Prints the build time and the bundle size. Used by .ci/run on Linux; Windows uses
# scripts/build_windows.ps1.
set -euo pipefail
cd "$(dirname "$0")/.."

venv_python=.venv/bin/python
if [ ! -x "$venv_python" ]; then
    echo "build_bundle: .venv is missing; run scripts/bootstrap.sh first" >&2
    exit 1
fi
if ! "$venv_python" -c "import PyInstaller, psycopg" >/dev/null 2>&1; then
    echo "build_bundle: installing PyInstaller and psycopg into .venv (extras packaging, postgres)"
    "$venv_python" -m pip install -q -e ".[packaging,postgres]"
fi

started=$(date +%s)
rm -rf build/hmi dist/hmi
mkdir -p build
if ! "$venv_python" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath dist --workpath build/hmi packaging/hmi.spec >build/pyinstaller.log 2>&1; then
    # Keep the CI log short: the last lines say why.
    tail -n 40 build/pyinstaller.log >&2
    echo "build_bundle: PyInstaller failed (full log: build/pyinstaller.log)" >&2
    exit 1
fi
built=$(date +%s)
size=$(du -sh dist/hmi | cut -f1)
files=$(find dist/hmi -type f | wc -l)
echo "build_bundle: built dist/hmi in $((built - started)) s, ${size} in ${files} files"

# The self-test must not read this machine's settings or write into its data folders.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if ! QT_QPA_PLATFORM=offscreen HMI_CONFIG="$scratch/settings.toml" \
        HMI_DATA_DIR="$scratch/data" HMI_LOG_DIR="$scratch/logs" \
        dist/hmi/hmi --self-test; then
    echo "build_bundle: the bundle's self-test failed (log: $scratch/logs/hmi.log)" >&2
    cat "$scratch/logs/hmi.log" >&2 2>/dev/null || true
    exit 1
fi

# The commissioning simulators shipped in the bundle start, announce themselves and stop.
smoke() {
    local name=$1 expect=$2
    shift 2
    "dist/hmi/$name" "$@" >"$scratch/$name.out" 2>&1 &
    local pid=$!
    for _ in $(seq 1 100); do
        grep -q "$expect" "$scratch/$name.out" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if ! grep -q "$expect" "$scratch/$name.out"; then
        cat "$scratch/$name.out" >&2
        echo "build_bundle: dist/hmi/$name did not start" >&2
        exit 1
    fi
    echo "build_bundle: $name started, $(grep -m 1 -o "$expect.*" "$scratch/$name.out")"
}
smoke hmi-plc-sim "listening on" --port 0
smoke hmi-odoo-sim "simulator at" --port 0
echo "build_bundle: self-test passed; total $(($(date +%s) - started)) s"
