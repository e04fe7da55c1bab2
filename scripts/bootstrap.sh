#!/usr/bin/env bash
# Install what the HMI needs on a fresh Debian machine: Qt's system libraries
# (when apt-get is available and we may use it) and a virtual environment in
# .venv with the project installed. `--test` also installs the test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

qt_libs="libgl1 libegl1 libglib2.0-0 libfontconfig1 fontconfig-config fonts-dejavu-core libxkbcommon0 libdbus-1-3"
if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
    missing=""
    for pkg in $qt_libs; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        echo "bootstrap: installing Qt's system libraries:$missing"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
    fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".$extras"
echo "bootstrap: ready (.venv)"
